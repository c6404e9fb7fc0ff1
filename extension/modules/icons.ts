// A local WXT module: before each build, draws the icon set from extension/assets/icons into .wxt/icons, which the
// build copies into the extension as public files (icon/16.png, icon/measuring-16.png, ...).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addPublicAssets, defineWxtModule } from 'wxt/modules';
import { drawIconSet } from '../../tools/icon-set';

export default defineWxtModule({
  name: 'seatwise-icons',
  setup(wxt) {
    const outDir = join(wxt.config.wxtDir, 'icons');
    wxt.hooks.hook('build:before', () => {
      rmSync(outDir, { recursive: true, force: true });
      for (const [file, png] of drawIconSet()) {
        mkdirSync(dirname(join(outDir, file)), { recursive: true });
        writeFileSync(join(outDir, file), png);
      }
    });
    addPublicAssets(wxt, outDir);
  },
});
