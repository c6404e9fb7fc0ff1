import { defineConfig } from 'wxt';
import { EXTENSION_KEY, GECKO_ID } from './extension/extension-id';

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  modulesDir: 'extension/modules',
  outDir: 'dist/extension',
  // Firefox lacks identity.email and managed_schema (its policies need no schema), so they are Chrome-only.
  manifest: ({ browser }) => {
    const firefox = browser === 'firefox';
    return {
      name: 'Seatwise',
      description:
        'Measures active time on your company\'s SaaS apps (which app, how long, which day) so unused licences can be reclaimed.',
      permissions: ['storage', 'alarms', 'tabs', 'idle', ...(firefox ? [] : ['identity', 'identity.email'])],
      ...(firefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                strict_min_version: '115.0',
                data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteActivity'] },
              },
            },
          }
        : { key: EXTENSION_KEY, storage: { managed_schema: 'managed-schema.json' } }),
    };
  },
});
