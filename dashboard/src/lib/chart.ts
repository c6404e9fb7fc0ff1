// A Svelte attachment that draws a chart.js chart on a canvas and destroys it when the canvas goes. chart.js is a
// chunk of its own (lib/chart-js.ts), fetched when the first chart comes near the screen: pages without charts, and
// a phone that has not scrolled down to them yet, never pay for it.
import type { ChartConfiguration } from 'chart.js';

export const PALETTE = ['#3a56d4', '#c5cbe3', '#1e6b35', '#b3261e', '#8a5a00', '#6b3fa0', '#00707a', '#5a6275'];

/** How close to the screen a chart's canvas comes before it is drawn. */
const NEAR = '300px';

/**
 * `data-chart` on the canvas says where the chart is: `waiting` (not near the screen yet), `loading` (chart.js on its
 * way), `drawn`, or `failed` (its chunk did not load; the canvas's aria-label still gives the figures).
 */
export function chart(config: ChartConfiguration<'bar' | 'line'>) {
  return (canvas: HTMLCanvasElement) => {
    let gone = false;
    let instance: { destroy: () => void } | undefined;
    canvas.dataset.chart = 'waiting';
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        near.disconnect();
        draw();
      },
      { rootMargin: NEAR },
    );
    near.observe(canvas);
    const draw = () => {
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
    };
    return () => {
      gone = true;
      near.disconnect();
      instance?.destroy();
    };
  };
}
