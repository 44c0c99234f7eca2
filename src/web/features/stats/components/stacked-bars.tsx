import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'
import { useEffect, useId, useRef } from 'react'
import { Download } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { saveCsv } from '@/lib/save-file'

// Only what stacked bars need: the page's chunk carries this part of Chart.js, the first screen none of it.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend)

const PALETTE = [
  '#1d4ed8',
  '#b45309',
  '#047857',
  '#be123c',
  '#6d28d9',
  '#0e7490',
  '#4d7c0f',
  '#c2410c',
  '#475569',
  '#a21caf',
]

export interface Series {
  label: string
  values: number[]
}

/**
 * Days along the bottom, one stacked bar per day, a colour per series; with the same figures as a table
 * (what a screen reader reads) and as a CSV for Excel.
 */
export function StackedBars({
  title,
  days,
  series,
  file,
}: {
  title: string
  days: string[]
  series: Series[]
  file: string
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const titleId = useId()
  useEffect(() => {
    // Without a 2D context (no canvas support) the table below still has every figure.
    const context = canvas.current?.getContext('2d')
    if (!context) return
    const chart = new Chart(context, {
      type: 'bar',
      data: {
        labels: days,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    })
    return () => chart.destroy()
  }, [days, series])

  const download = () => {
    const lines = [
      ['День', ...series.map((s) => s.label)],
      ...days.map((d, i) => [d, ...series.map((s) => String(s.values[i] ?? 0))]),
    ]
    saveCsv(lines, file)
  }

  return (
    <figure aria-labelledby={titleId} className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id={titleId} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        <Button variant="secondary" size="sm" onClick={download} disabled={days.length === 0}>
          <Download aria-hidden className="size-4" /> CSV
        </Button>
      </div>
      {days.length === 0 ? (
        <p className="text-sm text-slate-600">За этот период ничего нет</p>
      ) : (
        <>
          <div className="h-64">
            <canvas ref={canvas} aria-hidden />
          </div>
          <details>
            <summary className="cursor-pointer text-xs text-slate-600">Таблица</summary>
            <div className="overflow-x-auto">
              <table className="mt-1 text-xs">
                <caption className="sr-only">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="px-2 text-left">
                      День
                    </th>
                    {series.map((s) => (
                      <th key={s.label} scope="col" className="px-2 text-right">
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {days.map((d, i) => (
                    <tr key={d}>
                      <th scope="row" className="px-2 text-left font-normal">
                        {d}
                      </th>
                      {series.map((s) => (
                        <td key={s.label} className="px-2 text-right">
                          {s.values[i] ?? 0}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  )
}
