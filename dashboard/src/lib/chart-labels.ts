// Category labels of a horizontal bar chart, shortened to fit a narrow screen: chart.js would cut a long name off at
// the canvas's left edge ("…force Sales Cloud Enterprise"); an ellipsis at the end keeps its start readable, and the
// tooltip still gives the whole name.

/** The share of the chart's width its labels may take. */
const LABEL_SHARE = 0.45;
/** About the width of one character of chart.js's 12 px default font. */
const CHARACTER_PX = 6.5;
const FEWEST_CHARACTERS = 10;

/** `label` cut to at most `characters` characters, the last an ellipsis when it was cut. */
export function shortLabel(label: string, characters: number): string {
  const most = Math.max(FEWEST_CHARACTERS, Math.floor(characters));
  return label.length <= most ? label : `${label.slice(0, most - 1).trimEnd()}…`;
}

/** How many characters the labels of a chart this wide (CSS pixels) have room for. */
export const labelRoom = (chartWidth: number) => (chartWidth * LABEL_SHARE) / CHARACTER_PX;

/**
 * A chart.js tick callback for the category axis of a horizontal bar chart: each label as its value's category,
 * shortened to the room the chart's current width leaves (it is called again when the chart resizes).
 */
export function fittedCategoryTicks(
  this: { chart: { width: number }; getLabelForValue: (value: number) => string },
  value: number | string,
) {
  return shortLabel(this.getLabelForValue(Number(value)), labelRoom(this.chart.width));
}
