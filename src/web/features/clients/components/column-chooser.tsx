import * as Popover from '@radix-ui/react-popover'
import { PopoverContent } from '@/components/ui/popover'
import { Columns3 } from 'lucide-react'
import type { Attribute } from '@shared/attributes'
import { MAX_DIRECTORY_ATTRIBUTES } from '@shared/client-directory'
import { Button } from '@/components/ui/button'
import {
  attributeColumn,
  attributeIdOf,
  DEFAULT_COLUMNS,
  FIELD_COLUMNS,
  NAME_COLUMN,
  type ColumnId,
  type FieldColumnId,
} from '@/features/clients/utils/columns'

interface ColumnChooserProps {
  value: ColumnId[]
  onChange: (columns: ColumnId[]) => void
  /** Attributes that can be columns, in card order. */
  attributes: Attribute[]
}

function Check({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string
  checked: boolean
  disabled?: boolean
  onChange?: () => void
}) {
  return (
    <label className="flex items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-800 hover:bg-slate-50 has-disabled:text-slate-500">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={onChange} />
      <span className="min-w-0 truncate">{label}</span>
    </label>
  )
}

/** Which columns the table shows; attributes of the catalog can be columns too. Kept in the URL. */
export function ColumnChooser({ value, onChange, attributes }: ColumnChooserProps) {
  const toggle = (id: ColumnId) => onChange(value.includes(id) ? value.filter((c) => c !== id) : [...value, id])
  // GET /clients returns values for at most this many attributes per row.
  const full = value.filter((id) => attributeIdOf(id) !== null).length >= MAX_DIRECTORY_ATTRIBUTES

  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button variant="secondary" size="sm">
          <Columns3 aria-hidden className="size-4" /> Столбцы
        </Button>
      </Popover.Trigger>
      <PopoverContent aria-label="Столбцы таблицы" align="end" className="max-h-[70vh] w-72 space-y-2 overflow-y-auto">
        <fieldset>
          <legend className="px-2 pb-1 text-xs font-semibold text-slate-600">Клиент</legend>
          <Check label={NAME_COLUMN.label} checked disabled />
          {(Object.keys(FIELD_COLUMNS) as FieldColumnId[]).map((id) => (
            <Check key={id} label={FIELD_COLUMNS[id].label} checked={value.includes(id)} onChange={() => toggle(id)} />
          ))}
        </fieldset>
        <fieldset>
          <legend className="px-2 pb-1 text-xs font-semibold text-slate-600">Параметры</legend>
          {attributes.length === 0 && <p className="px-2 text-sm text-slate-600">В каталоге пока нет параметров</p>}
          {attributes.map((a) => (
            <Check
              key={a.id}
              label={a.name}
              checked={value.includes(attributeColumn(a.id))}
              disabled={full && !value.includes(attributeColumn(a.id))}
              onChange={() => toggle(attributeColumn(a.id))}
            />
          ))}
        </fieldset>
        <Button variant="ghost" size="sm" className="w-full" onClick={() => onChange(DEFAULT_COLUMNS)}>
          Столбцы по умолчанию
        </Button>
      </PopoverContent>
    </Popover.Root>
  )
}
