// Chart.js, loaded only by the report page: seats by month (grouped bars) and promise kept by enterprise.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip)

const PALETTE = ['#1f5fa8', '#3c8d5a', '#c07a12', '#7b4fa3', '#b8323c']

export type Series = { label: string, data: number[] }

export function barChart (canvas: HTMLCanvasElement, labels: string[], series: Series[], percent = false): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: PALETTE[i % PALETTE.length], maxBarThickness: 48 }))
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: 'bottom' } },
      scales: {
        y: {
          beginAtZero: true,
          // A rate reads against 100%; more than promised still shows above it.
          ...(percent ? { suggestedMax: 1 } : {}),
          ticks: percent ? { callback: (v) => `${Math.round(Number(v) * 100)}%` } : { precision: 0 }
        }
      }
    }
  })
}
