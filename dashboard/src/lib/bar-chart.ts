// A Svelte attachment that draws a chart.js bar chart on a canvas and destroys it when the canvas goes.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartData } from 'chart.js';

// Only the parts used, so the bundle stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export function barChart(data: ChartData<'bar'>) {
  return (canvas: HTMLCanvasElement) => {
    const chart = new Chart(canvas, {
      type: 'bar',
      data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  };
}
