// The icon set the build draws: every file the manifest and the toolbar states name exists, as a PNG of its size,
// and each state looks different from the plain mark (paused in grey).
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  iconFile,
  MARK_ICONS,
  TOOLBAR_SIZES,
  TOOLBAR_STATES,
  toolbarIconPaths,
} from '../../extension/lib/toolbar-icons';
import { drawIconSet, svgParts } from '../../tools/icon-set';

const set = drawIconSet();

/** Width and height from the IHDR chunk, which follows the 8-byte signature and the chunk's length and type. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex'), 'a PNG signature').toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the icon set', () => {
  it('has every file the manifest names, each a PNG of its size', () => {
    for (const [size, file] of Object.entries(MARK_ICONS)) {
      expect(pngSize(set.get(file)!), file).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it.each(TOOLBAR_STATES)('has the %s state in every toolbar size, at the paths the background sets', (state) => {
    for (const [size, path] of Object.entries(toolbarIconPaths(state))) {
      expect(path).toBe(`/${iconFile(state, Number(size))}`);
      expect(pngSize(set.get(path.slice(1))!), path).toEqual({ width: Number(size), height: Number(size) });
    }
    expect(Object.keys(toolbarIconPaths(state)).map(Number)).toEqual([...TOOLBAR_SIZES]);
  });

  it('draws each state differently from the plain mark', () => {
    const files = TOOLBAR_STATES.map((state) => set.get(iconFile(state, 32))!.toString('base64'));
    expect(new Set(files).size).toBe(TOOLBAR_STATES.length);
  });

  it('draws the paused mark in grey and the measuring one in colour', () => {
    /** How far apart the channels are at a point of the mark's top-left, away from the badge in the other corner. */
    const saturation = (file: string) => {
      const png = set.get(file)!.toString('base64');
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32">
        <image width="32" height="32" href="data:image/png;base64,${png}"/></svg>`;
      const rgba = new Resvg(svg).render().pixels;
      const o = (4 * 32 + 4) * 4;
      return Math.max(rgba[o]!, rgba[o + 1]!, rgba[o + 2]!) - Math.min(rgba[o]!, rgba[o + 1]!, rgba[o + 2]!);
    };
    expect(saturation(iconFile('paused', 32))).toBeLessThan(8);
    expect(saturation(iconFile('measuring', 32))).toBeGreaterThan(100);
  });

  it('refuses a source without a viewBox', () => {
    expect(() => svgParts('<svg width="16"></svg>')).toThrow(/viewBox/);
  });
});
