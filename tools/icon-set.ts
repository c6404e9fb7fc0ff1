// Draws the extension's icon set from the SVGs in extension/assets/icons: the mark in every manifest size and the
// toolbar states (the mark with a corner badge), rasterised with resvg so the build needs no system tools.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { iconFile, MARK_SIZES, TOOLBAR_SIZES, TOOLBAR_STATES, type ToolbarState } from '../extension/lib/toolbar-icons';

export const ICON_SOURCES = join(import.meta.dirname, '..', 'extension', 'assets', 'icons');

/** Which badge each state wears, and whether the mark under it is drawn grey (nothing is being measured). */
const STATE_LOOK: Record<Exclude<ToolbarState, 'ready'>, { badge: string; grey: boolean }> = {
  measuring: { badge: 'badge-measuring.svg', grey: false },
  paused: { badge: 'badge-paused.svg', grey: true },
  problem: { badge: 'badge-problem.svg', grey: false },
};

type SvgParts = { viewBox: string; inner: string };

/** The root's viewBox and its content without the title (the composed icon is one picture, not three). */
export function svgParts(svg: string): SvgParts {
  const root = /<svg\b([^>]*)>([\s\S]*)<\/svg>/.exec(svg);
  const viewBox = root && /\bviewBox="([^"]+)"/.exec(root[1]!);
  if (!root || !viewBox) throw new Error('an icon source needs an <svg> root with a viewBox');
  return { viewBox: viewBox[1]!, inner: root[2]!.replace(/<title>[\s\S]*?<\/title>/g, '').trim() };
}

/** One SVG on a 16-unit canvas: the mark scaled to fill it, greyed if asked, and the badge on top. */
export function composeIcon(mark: string, badge: string | null, grey: boolean): string {
  const base = svgParts(mark);
  const drawnMark = `<svg x="0" y="0" width="16" height="16" viewBox="${base.viewBox}">${base.inner}</svg>`;
  const greyFilter = '<filter id="grey"><feColorMatrix type="saturate" values="0"/></filter>';
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">',
    grey ? `<defs>${greyFilter}</defs><g filter="url(#grey)">${drawnMark}</g>` : drawnMark,
    badge ? svgParts(badge).inner : '',
    '</svg>',
  ].join('');
}

export const rasterise = (svg: string, size: number): Buffer =>
  new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();

/** Every file of the set by its path in the extension: the mark in MARK_SIZES, each state in TOOLBAR_SIZES. */
export function drawIconSet(sources = ICON_SOURCES): Map<string, Buffer> {
  const read = (name: string) => readFileSync(join(sources, name), 'utf8');
  // 16 px has its own drawing: the full mark's detail would blur at that size.
  const markFor = (size: number) => read(size <= 16 ? 'seatwise-16.svg' : 'seatwise.svg');
  const files = new Map<string, Buffer>();
  for (const size of MARK_SIZES)
    files.set(iconFile('ready', size), rasterise(composeIcon(markFor(size), null, false), size));
  for (const state of TOOLBAR_STATES) {
    if (state === 'ready') continue;
    const { badge, grey } = STATE_LOOK[state];
    for (const size of TOOLBAR_SIZES) {
      files.set(iconFile(state, size), rasterise(composeIcon(markFor(size), read(badge), grey), size));
    }
  }
  return files;
}
