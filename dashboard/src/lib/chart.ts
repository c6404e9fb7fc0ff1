// A Svelte attachment that draws a chart.js chart on a canvas and destroys it when the canvas goes.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only the parts used, so the bundle stays small.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  Filler,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export const PALETTE = ['#3a56d4', '#c5cbe3', '#1e6b35', '#b3261e', '#8a5a00', '#6b3fa0', '#00707a', '#5a6275'];

export function chart(config: ChartConfiguration<'bar' | 'line'>) {
  return (canvas: HTMLCanvasElement) => {
    const instance = new Chart(canvas, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
    });
    return () => instance.destroy();
  };
}
