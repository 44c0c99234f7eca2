import { Download } from 'lucide-react'
import type { ImportError } from '@shared/imports'
import { Button } from '@/components/ui/button'
import { saveCsv } from '@/lib/save-file'

/** Rows shown on the page; the file has them all (up to what the service lists). */
const SHOWN = 20

/** The errors as a CSV for Excel (";" and a BOM), to fix the rows and load them again. */
function download(errors: ImportError[]) {
  const lines = [['Строка', 'Столбец', 'Ошибка'], ...errors.map((e) => [String(e.row), e.column ?? '', e.message])]
  saveCsv(lines, 'import-errors.csv')
}

export function ImportErrors({ errors, count }: { errors: ImportError[]; count: number }) {
  if (count === 0) return null
  return (
    <section aria-labelledby="import-errors" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="import-errors" className="text-sm font-semibold text-slate-900">
          Ошибки: {count.toLocaleString('ru')}
        </h2>
        <Button variant="secondary" size="sm" onClick={() => download(errors)}>
          <Download aria-hidden className="size-4" /> Скачать ошибки (CSV)
        </Button>
      </div>
      <ul className="divide-y divide-slate-100 rounded-lg bg-white text-sm ring-1 ring-slate-200">
        {errors.slice(0, SHOWN).map((e, i) => (
          <li key={i} className="px-3 py-1.5 text-slate-800">
            <span className="font-medium">Строка {e.row}</span>
            {e.column && `, «${e.column}»`}: {e.message}
          </li>
        ))}
        {count > SHOWN && (
          <li className="px-3 py-1.5 text-slate-600">…и ещё {(count - SHOWN).toLocaleString('ru')} в файле ошибок</li>
        )}
      </ul>
    </section>
  )
}
