import type { ClientSort } from '@shared/client-directory'
import { idSchema } from '@shared/common'

/**
 * The client's own fields the table can show; the name is always there and not among them. A column
 * takes its share of the room by `width`, and gives way down to `min` (what its usual content needs)
 * before the table scrolls sideways: the default columns fit a 1366 px screen.
 */
export const FIELD_COLUMNS = {
  phone: { label: 'Телефон', width: 160, min: 140 },
  email: { label: 'Почта', width: 220, min: 150 },
  externalId: { label: 'Внешний ID', width: 150, min: 110 },
  tags: { label: 'Теги', width: 220, min: 130 },
  lastSessionAt: { label: 'Последний диалог', width: 170, min: 150, sort: 'lastSessionAt' },
  updatedAt: { label: 'Изменён', width: 170, min: 150, sort: 'updatedAt' },
  createdAt: { label: 'Создан', width: 170, min: 150 },
} as const satisfies Record<string, { label: string; width: number; min: number; sort?: ClientSort }>

export type FieldColumnId = keyof typeof FIELD_COLUMNS
/** `a.<attributeId>`: an attribute of the catalog as a column. */
type AttributeColumnId = `a.${string}`
export type ColumnId = FieldColumnId | AttributeColumnId

export const NAME_COLUMN = { label: 'Имя', width: 240, min: 180, sort: 'name' as const }
export const ATTRIBUTE_COLUMN = { width: 180, min: 120 }
export const DEFAULT_COLUMNS: ColumnId[] = ['phone', 'email', 'tags', 'lastSessionAt', 'updatedAt']

const ATTRIBUTE_PREFIX = 'a.'

export const isId = (value: string) => idSchema.safeParse(value).success

export const attributeColumn = (attributeId: string): AttributeColumnId => `${ATTRIBUTE_PREFIX}${attributeId}`
export const attributeIdOf = (id: ColumnId): string | null =>
  id.startsWith(ATTRIBUTE_PREFIX) ? id.slice(ATTRIBUTE_PREFIX.length) : null
const isFieldColumn = (id: string): id is FieldColumnId => Object.hasOwn(FIELD_COLUMNS, id)
export const isColumnId = (id: string): id is ColumnId =>
  isFieldColumn(id) || (id.startsWith(ATTRIBUTE_PREFIX) && isId(id.slice(ATTRIBUTE_PREFIX.length)))

/**
 * Columns in a steady order whatever order they were ticked in: the fields as listed above, then the
 * attributes in the order they were added.
 */
export function orderColumns(columns: ColumnId[]): ColumnId[] {
  const fields = (Object.keys(FIELD_COLUMNS) as FieldColumnId[]).filter((id) => columns.includes(id))
  return [...fields, ...columns.filter((id) => !isFieldColumn(id))]
}
