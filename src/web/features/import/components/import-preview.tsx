import type { Attribute } from '@shared/attributes'
import { IMPORT_FIELDS, importFieldLabels, type ImportColumn } from '@shared/imports'

interface ImportPreviewProps {
  /** The header and the first rows, as the service read them. */
  preview: string[][]
  columns: ImportColumn[]
  attributes: Attribute[]
  onChange: (index: number, target: string) => void
  disabled: boolean
}

/** The first rows of the file, with where each column goes chosen above it. */
export function ImportPreview({ preview, columns, attributes, onChange, disabled }: ImportPreviewProps) {
  const [header = [], ...rows] = preview
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Первые строки файла и куда идёт каждый столбец</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-700">
          <tr>
            {header.map((name, i) => (
              <th key={i} scope="col" className="min-w-40 px-3 py-2 align-top font-semibold">
                <span className="block truncate" title={name}>{name || `Столбец ${i + 1}`}</span>
                <select
                  aria-label={`Куда загрузить столбец «${name || i + 1}»`} value={columns[i]?.target ?? 'skip'} disabled={disabled}
                  onChange={(e) => onChange(i, e.target.value)}
                  className="mt-1 h-8 w-full rounded-md border border-slate-300 bg-white px-1.5 text-xs font-normal text-slate-900"
                >
                  {IMPORT_FIELDS.map((f) => <option key={f} value={f}>{importFieldLabels[f]}</option>)}
                  <optgroup label="Параметры">
                    {attributes.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
                  </optgroup>
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => (
            <tr key={r} className="border-t border-slate-100">
              {header.map((_, i) => <td key={i} className="max-w-60 truncate px-3 py-1.5 text-slate-800">{cells[i]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
