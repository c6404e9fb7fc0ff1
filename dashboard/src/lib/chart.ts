// A Svelte attachment that draws a chart.js chart on a canvas and destroys it when the canvas goes. chart.js is a
// chunk of its own (lib/chart-js.ts), fetched when the first chart is drawn, so pages without charts never load it.
import type { ChartConfiguration } from 'chart.js';

export const PALETTE = ['#3a56d4', '#c5cbe3', '#1e6b35', '#b3261e', '#8a5a00', '#6b3fa0', '#00707a', '#5a6275'];

/**
 * `data-chart` on the canvas says where the chart is: `loading` (chart.js on its way), `drawn`, or `failed` (its chunk
 * did not load; the canvas's aria-label still gives the figures).
 */
export function chart(config: ChartConfiguration<'bar' | 'line'>) {
  return (canvas: HTMLCanvasElement) => {
    let gone = false;
    let instance: { destroy: () => void } | undefined;
    canvas.dataset.chart = 'loading';
    import('./chart-js.ts').then(
      ({ Chart }) => {
        if (gone) return;
        instance = new Chart(canvas, {
          ...config,
          options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
        });
        canvas.dataset.chart = 'drawn';
      },
      () => {
        if (!gone) canvas.dataset.chart = 'failed';
      },
    );
    return () => {
      gone = true;
      instance?.destroy();
    };
  };
}
