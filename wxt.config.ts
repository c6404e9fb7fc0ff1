import { defineConfig } from 'wxt';
import { EXTENSION_KEY, GECKO_ID } from './extension/extension-id';
import { MARK_ICONS as ICONS } from './extension/lib/toolbar-icons';

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: 'dist/extension',
  // The sources zip goes to Mozilla's reviewers: never a database, its WAL, an env file, a signing key or a build.
  zip: {
    excludeSources: [
      'data/**',
      '**/*.db',
      '**/*.db-*',
      '**/*-wal',
      '**/*-shm',
      '**/*.sqlite*',
      '**/.env*',
      '**/*.pem',
      '**/*.key',
      'test-results/**',
      'dist/**',
      '.output/**',
    ],
  },
  // Firefox lacks identity.email and managed_schema (its policies need no schema), so they are Chrome-only; both
  // have identity (launchWebAuthFlow, for enrolling through single sign-on).
  manifest: ({ browser }) => {
    const firefox = browser === 'firefox';
    return {
      name: 'Seatwise',
      description:
        "Measures active time on your company's SaaS apps (which app, how long, which day) " +
        'so unused licences can be reclaimed.',
      icons: ICONS,
      // Firefox MV2 calls the toolbar button browser_action; without an icon it shows a puzzle piece.
      [firefox ? 'browser_action' : 'action']: { default_icon: ICONS, default_title: 'Seatwise' },
      permissions: ['storage', 'alarms', 'tabs', 'idle', 'identity', ...(firefox ? [] : ['identity.email'])],
      ...(firefox
        ? {
            browser_specific_settings: {
              // data_collection_permissions, which Mozilla's store requires of new add-ons, exists from Firefox 140
              // on desktop and 142 on Android; 140 is also the oldest ESR line enterprises still deploy (Debian
              // ships 153 ESR), so no older Firefox could honour the consent the add-on declares.
              gecko: {
                id: GECKO_ID,
                strict_min_version: '140.0',
                data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteActivity'] },
              },
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : { key: EXTENSION_KEY, storage: { managed_schema: 'managed-schema.json' } }),
    };
  },
});
