import type { Attribute } from '@shared/attributes'
import { IMPORT_FIELDS, importFieldLabels, type ImportColumn, type ImportTarget } from '@shared/imports'

interface ImportPreviewProps {
  /** The header and the first rows, as the service read them. */
  preview: string[][]
  columns: ImportColumn[]
  /** Which card each row goes to, by its line in the file (the dry run's answer). */
  targets: ImportTarget[]
  attributes: Attribute[]
  onChange: (index: number, target: string) => void
  disabled: boolean
}

/** The card a row updates, a new one, or none (a row with errors, or a blank one). */
function TargetCell({ target }: { target: ImportTarget | undefined }) {
  if (!target) return <td className="px-3 py-1.5 text-slate-500">—</td>
  if (!target.clientId) return <td className="px-3 py-1.5 text-green-800">новая</td>
  return (
    <td className="max-w-48 truncate px-3 py-1.5 text-slate-800" title={target.client ?? undefined}>
      {target.client}
    </td>
  )
}

/** The first rows of the file, with where each column goes chosen above it, and the card each row goes to. */
export function ImportPreview({ preview, columns, targets, attributes, onChange, disabled }: ImportPreviewProps) {
  const [header = [], ...rows] = preview
  const byRow = new Map(targets.map((t) => [t.row, t]))
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Первые строки файла и куда идёт каждый столбец</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 align-top font-semibold">
              Карточка
            </th>
            {header.map((name, i) => (
              <th key={i} scope="col" className="min-w-40 px-3 py-2 align-top font-semibold">
                <span className="block truncate" title={name}>
                  {name || `Столбец ${i + 1}`}
                </span>
                <select
                  aria-label={`Куда загрузить столбец «${name || i + 1}»`}
                  value={columns[i]?.target ?? 'skip'}
                  disabled={disabled}
                  onChange={(e) => onChange(i, e.target.value)}
                  className="mt-1 h-8 w-full rounded-md border border-slate-300 bg-white px-1.5 text-xs font-normal text-slate-900"
                >
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {importFieldLabels[f]}
                    </option>
                  ))}
                  <optgroup label="Параметры">
                    {attributes.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                  </optgroup>
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => (
            <tr key={r} className="border-t border-slate-100">
              {/* The header is line 1 of the file. */}
              <TargetCell target={byRow.get(r + 2)} />
              {header.map((_, i) => (
                <td key={i} className="max-w-60 truncate px-3 py-1.5 text-slate-800">
                  {cells[i]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
