import { Download } from 'lucide-react'
import { Link } from 'react-router'
import { Button } from '@/components/ui/button'
import { saveCsv } from '@/lib/save-file'
import type { CardStats } from '@shared/stats'
import { filterParams } from '@shared/attribute-filters'

const percent = (share: number) => `${Math.round(share * 100)} %`

/** The figures for Excel: parameter, clients with a value, share. */
function download(fill: CardStats['fill']) {
  const lines = [
    ['Параметр', 'Заполнено', 'Доля, %'],
    ...fill.map((a) => [a.name, String(a.filled), String(Math.round(a.share * 1000) / 10)]),
  ]
  saveCsv(lines, 'fill-rate.csv')
}

/**
 * How many clients have each parameter filled in, the emptiest first: each bar is a link to the directory
 * filtered to the clients without it (a bar that a keyboard and a screen reader reach like any link).
 */
export function FillBars({ fill }: { fill: CardStats['fill'] }) {
  const sorted = [...fill].sort((a, b) => a.share - b.share || a.name.localeCompare(b.name, 'ru'))
  if (sorted.length === 0) return <p className="text-sm text-slate-600">В каталоге нет параметров</p>
  return (
    <div className="space-y-2">
      <ul aria-label="Заполненность параметров" className="space-y-1.5">
        {sorted.map((a) => {
          const empty = new URLSearchParams(filterParams({ attributeId: a.attributeId, match: 'empty' })).toString()
          return (
            <li key={a.attributeId}>
              <Link
                to={`/clients?${empty}`}
                aria-label={`${a.name}: заполнено у ${percent(a.share)} (${a.filled}) — показать клиентов без значения`}
                className="group grid grid-cols-[10rem_1fr_4rem] items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600"
              >
                <span className="truncate text-slate-800" title={a.name}>
                  {a.name}
                </span>
                <span className="h-3 rounded-full bg-slate-100">
                  <span
                    className="block h-3 rounded-full bg-blue-700 group-hover:bg-blue-800"
                    style={{ width: `${Math.max(a.share * 100, 0.5)}%` }}
                  />
                </span>
                <span className="text-right text-slate-700 tabular-nums">{percent(a.share)}</span>
              </Link>
            </li>
          )
        })}
      </ul>
      <Button variant="secondary" size="sm" onClick={() => download(sorted)}>
        <Download aria-hidden className="size-4" /> CSV
      </Button>
    </div>
  )
}
