import { z } from 'zod'
import { MAX_ATTRIBUTE_VALUE } from '@shared/attributes'
import { clientSchema } from '@shared/clients'
import { idSchema, listOf, MAX_LIST_LIMIT, timestampSchema, withAttributeFilters } from '@shared/common'

// The client directory: GET /clients and GET /clients/export.csv take the same filters.

export const CLIENT_SORTS = ['lastSessionAt', 'name', 'updatedAt'] as const
const clientSortSchema = z.enum(CLIENT_SORTS, { error: `Сортировка возможна по: ${CLIENT_SORTS.join(', ')}` })
export type ClientSort = z.infer<typeof clientSortSchema>
const sortOrderSchema = z.enum(['asc', 'desc'], { error: 'Порядок: asc или desc' })
export type SortOrder = z.infer<typeof sortOrderSchema>
/** Without `order`: newest first for dates, А→Я for names. */
export const DEFAULT_ORDER: Record<ClientSort, SortOrder> = { lastSessionAt: 'desc', name: 'asc', updatedAt: 'desc' }

const filterShape = {
  keyword: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Часть имени, телефона, почты, externalId или, от 3 символов, значения параметра (без учёта регистра)'),
  tagId: z
    .union([idSchema, z.array(idSchema)])
    .optional()
    .describe('Теги клиента; несколько — нужны все'),
  withoutTagId: z
    .union([idSchema, z.array(idSchema)])
    .optional()
    .describe('Клиенты без этих тегов; несколько — ни одного из них'),
  updatedSince: timestampSchema.optional().describe('Карточка изменена не раньше этого момента (ISO 8601)'),
  updatedBefore: timestampSchema
    .optional()
    .describe('Карточка не менялась с этого момента (ISO 8601): давно не обновлявшиеся'),
  sort: clientSortSchema.default('lastSessionAt'),
  order: sortOrderSchema.optional().describe('По умолчанию desc для дат и asc для name'),
}

/** Attribute values per row of GET /clients: as many as a table can show side by side. */
export const MAX_DIRECTORY_ATTRIBUTES = 20

/** Deeper than this an offset page is refused: reading and skipping that many rows costs more than a page. */
export const MAX_DIRECTORY_OFFSET = 10_000
/** The directory counts up to this many matches unless asked `withCount=exact`: counting never costs more than the page. */
export const MAX_DIRECTORY_COUNT = 10_000

const pageShape = {
  attributeId: z
    .union([idSchema, z.array(idSchema)])
    .optional()
    // Counted as sent, before repeats are dropped: the cap bounds the query string too.
    .refine((ids) => ids === undefined || typeof ids === 'string' || ids.length <= MAX_DIRECTORY_ATTRIBUTES, {
      error: `не больше ${MAX_DIRECTORY_ATTRIBUTES} параметров`,
    })
    .describe(
      `Параметры, значения которых вернуть в \`attributes\` каждой строки (можно несколько, до ${MAX_DIRECTORY_ATTRIBUTES}; ` +
        'архивные тоже)',
    ),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_DIRECTORY_OFFSET, {
      error: `Смещение больше ${MAX_DIRECTORY_OFFSET.toLocaleString('ru')}: дальше листайте по cursor — nextCursor прошлой страницы, это быстро на любой глубине`,
    })
    .default(0),
  withoutCount: z.stringbool().optional(),
  withoutItems: z.stringbool().optional().describe('Ответить только числом'),
  fields: z.string().max(2000).optional().describe('Вернуть у элементов только эти поля (через запятую)'),
  withCount: z
    .literal('exact')
    .optional()
    .describe(
      `\`exact\`: считать всех подходящих клиентов; без него счёт останавливается на ${MAX_DIRECTORY_COUNT.toLocaleString('ru')} (\`countCapped\`)`,
    ),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .describe('nextCursor предыдущей страницы: продолжить с места, где она кончилась'),
}

const FILTER_HELP =
  'Фильтр по параметру: `attr.<attributeId>=<значение>` — точное значение, `attr.<attributeId>=*` — заполнен, ' +
  '`attr.<attributeId>=` — не заполнен; для чисел и дат `attr.<id>.gte=` и/или `attr.<id>.lte=` (от и до включительно), ' +
  'для дат `attr.<id>.lastDays=N` (за последние N дней); для списков `attr.<id>.any=a,b` (любой из) и `attr.<id>.all=a,b` ' +
  '(все, для множественного выбора). Несколько фильтров (и тегов) объединяются через И.'
export const CLIENT_DIRECTORY_HELP =
  `${FILTER_HELP} Сортировка \`sort\` (lastSessionAt, name, updatedAt) и \`order\` (asc, desc); ` +
  'пустые значения считаются наименьшими. Страницы — `limit`/`offset` или `cursor` из `nextCursor` прошлой страницы ' +
  '(быстро на любой глубине); `nextCursor` нет на последней странице.'

export const clientDirectoryQuerySchema = withAttributeFilters({ ...filterShape, ...pageShape }, MAX_ATTRIBUTE_VALUE)
export type ClientDirectoryQuery = z.output<typeof clientDirectoryQuerySchema>
export const clientExportQuerySchema = withAttributeFilters(filterShape, MAX_ATTRIBUTE_VALUE)
export type ClientExportQuery = z.output<typeof clientExportQuerySchema>

const clientDirectoryItemSchema = clientSchema.extend({
  /** Only with `attributeId`: attribute id → value for just those ids, null when the card has none. */
  attributes: z
    .record(z.string(), z.string().nullable())
    .optional()
    .describe('Только при `attributeId`: значения этих параметров, null — не заполнен'),
})
export type ClientDirectoryItem = z.infer<typeof clientDirectoryItemSchema>
export const clientDirectorySchema = listOf(clientDirectoryItemSchema).extend({
  countCapped: z
    .literal(true)
    .optional()
    .describe(
      `Подходящих клиентов больше ${MAX_DIRECTORY_COUNT.toLocaleString('ru')}: \`count\` — ${MAX_DIRECTORY_COUNT.toLocaleString('ru')}, точное число — с \`withCount=exact\``,
    ),
  nextCursor: z.string().optional(),
})
export type ClientDirectory = z.infer<typeof clientDirectorySchema>
