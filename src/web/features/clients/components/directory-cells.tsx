import { format } from 'date-fns'
import { Link, useLocation } from 'react-router'
import type { Attribute } from '@shared/attributes'
import type { ClientSort } from '@shared/client-directory'
import { Chip } from '@/components/ui/chip'
import { formatDateTime } from '@/lib/dates'
import { clientLabel } from '@shared/labels'
import { formatAttributeValue } from '@/lib/attribute-format'
import type { DirectoryRow } from '@/features/clients/api/directory'
import type { DirectoryLinkState } from '@/features/clients/utils/link-state'
import {
  ATTRIBUTE_COLUMN,
  attributeIdOf,
  FIELD_COLUMNS,
  NAME_COLUMN,
  orderColumns,
  type ColumnId,
} from '@/features/clients/utils/columns'

export interface GridColumn {
  id: 'name' | ColumnId
  label: string
  width: number
  min: number
  sort?: ClientSort
  attribute?: Attribute
}

/** The name first, then the chosen columns; an attribute the catalog no longer has keeps a plain title. */
export function gridColumns(ids: ColumnId[], attributes: ReadonlyMap<string, Attribute>): GridColumn[] {
  return [
    { id: 'name', ...NAME_COLUMN },
    ...orderColumns(ids).map((id): GridColumn => {
      const attributeId = attributeIdOf(id)
      if (attributeId === null) return { id, ...FIELD_COLUMNS[id as keyof typeof FIELD_COLUMNS] }
      const attribute = attributes.get(attributeId)
      const label = attribute ? `${attribute.name}${attribute.archivedAt ? ' (в архиве)' : ''}` : 'Параметр'
      return { id, label, ...ATTRIBUTE_COLUMN, attribute }
    }),
  ]
}

const EMPTY = <span className="text-slate-400">—</span>

/** Text that does not fit ends with an ellipsis; the whole of it shows on hover. */
const Text = ({ text, className }: { text: string; className?: string }) => (
  <span className={`min-w-0 truncate ${className ?? ''}`} title={text}>
    {text}
  </span>
)

/** A real link as well as the row's click and Enter: to open in a new tab or copy the address. */
function NameLink({ row }: { row: DirectoryRow }) {
  const { search } = useLocation()
  return (
    <Link
      to={`/clients/${row.id}`}
      state={{ directorySearch: search } satisfies DirectoryLinkState}
      tabIndex={-1}
      className="truncate font-medium text-slate-900 hover:underline"
      title={clientLabel(row)}
    >
      {clientLabel(row)}
    </Link>
  )
}

function DateCell({ iso }: { iso: string | null }) {
  if (!iso) return EMPTY
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {format(new Date(iso), 'dd.MM.yyyy, HH:mm')}
    </time>
  )
}

/** One cell's content. Rows have a fixed height, so everything stays on one line and truncates. */
export function CellContent({ column, row }: { column: GridColumn; row: DirectoryRow }) {
  switch (column.id) {
    case 'name':
      return <NameLink row={row} />
    case 'phone':
      return row.phone ? <Text text={row.phone} /> : EMPTY
    case 'email':
      return row.email ? <Text text={row.email} /> : EMPTY
    case 'externalId':
      return row.externalId ? <Text text={row.externalId} className="font-mono text-xs" /> : EMPTY
    case 'tags':
      return row.tags.length
        ? row.tags.map((t) => (
            <Chip key={t.id} color={t.color} className="shrink-0">
              {t.name}
            </Chip>
          ))
        : EMPTY
    case 'lastSessionAt':
      return <DateCell iso={row.lastSessionAt} />
    case 'updatedAt':
      return <DateCell iso={row.updatedAt} />
    case 'createdAt':
      return <DateCell iso={row.createdAt} />
  }
  const value = column.attribute ? row.attributes?.[column.attribute.id] : undefined
  return value == null || value === '' ? EMPTY : <Text text={formatAttributeValue(column.attribute!.type, value)} />
}
