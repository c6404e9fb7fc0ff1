// The icon files of the toolbar button's states, shared by the build (which draws them) and the background (which
// shows them), so a state can never point at a file the build did not make.

export const TOOLBAR_STATES = ['ready', 'measuring', 'paused', 'problem'] as const;
export type ToolbarState = (typeof TOOLBAR_STATES)[number];

/** The toolbar asks for 16 px and, on high-density screens, 32 px. */
export const TOOLBAR_SIZES = [16, 32] as const;
/** The plain mark in the sizes the manifest and the stores ask for. */
export const MARK_SIZES = [16, 32, 48, 128] as const;

/** Relative to the extension's root: `icon/16.png` is the plain mark, `icon/paused-16.png` a state. */
export const iconFile = (state: ToolbarState, size: number) =>
  state === 'ready' ? `icon/${size}.png` : `icon/${state}-${size}.png`;

/** The manifest's `icons` and the button's default icon. */
export const MARK_ICONS = Object.fromEntries(MARK_SIZES.map((size) => [size, iconFile('ready', size)]));

/** What `action.setIcon({ path })` takes for a state: one file per toolbar size. */
export const toolbarIconPaths = (state: ToolbarState): Record<string, string> =>
  Object.fromEntries(TOOLBAR_SIZES.map((size) => [size, `/${iconFile(state, size)}`]));
