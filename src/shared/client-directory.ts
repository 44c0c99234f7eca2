import { z } from 'zod'
import { MAX_ATTRIBUTE_VALUE } from '@shared/attributes'
import { clientSchema } from '@shared/clients'
import { idSchema, listOf, MAX_LIST_LIMIT, timestampSchema } from '@shared/common'

// The client directory: GET /clients and GET /clients/export.csv take the same filters.

export const CLIENT_SORTS = ['lastSessionAt', 'name', 'updatedAt'] as const
const clientSortSchema = z.enum(CLIENT_SORTS, { error: `Сортировка возможна по: ${CLIENT_SORTS.join(', ')}` })
export type ClientSort = z.infer<typeof clientSortSchema>
const sortOrderSchema = z.enum(['asc', 'desc'], { error: 'Порядок: asc или desc' })
export type SortOrder = z.infer<typeof sortOrderSchema>
/** Without `order`: newest first for dates, А→Я for names. */
export const DEFAULT_ORDER: Record<ClientSort, SortOrder> = { lastSessionAt: 'desc', name: 'asc', updatedAt: 'desc' }

/** `attr.<attributeId>=<value>` exact, `=*` has a value, `=` (empty) has none. */
export const ATTRIBUTE_FILTER_PREFIX = 'attr.'
export const ANY_VALUE = '*'
export const attributeFilterKey = (attributeId: string) => `${ATTRIBUTE_FILTER_PREFIX}${attributeId}`

export type AttributeFilter =
  | { attributeId: string; match: 'set' | 'empty' }
  | { attributeId: string; match: 'value'; value: string }

const filterShape = {
  keyword: z.string().trim().max(200).optional()
    .describe('Часть имени, телефона, почты, externalId или, от 3 символов, значения параметра (без учёта регистра)'),
  tagId: z.union([idSchema, z.array(idSchema)]).optional().describe('Теги клиента; несколько — нужны все'),
  updatedSince: timestampSchema.optional().describe('Карточка изменена не раньше этого момента (ISO 8601)'),
  sort: clientSortSchema.default('lastSessionAt'),
  order: sortOrderSchema.optional().describe('По умолчанию desc для дат и asc для name'),
}

/** Attribute values per row of GET /clients: as many as a table can show side by side. */
export const MAX_DIRECTORY_ATTRIBUTES = 20

const pageShape = {
  attributeId: z.union([idSchema, z.array(idSchema)]).optional()
    // Counted as sent, before repeats are dropped: the cap bounds the query string too.
    .refine((ids) => ids === undefined || typeof ids === 'string' || ids.length <= MAX_DIRECTORY_ATTRIBUTES,
      { error: `не больше ${MAX_DIRECTORY_ATTRIBUTES} параметров` })
    .describe(`Параметры, значения которых вернуть в \`attributes\` каждой строки (можно несколько, до ${MAX_DIRECTORY_ATTRIBUTES}; `
      + 'архивные тоже)'),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  withoutCount: z.stringbool().optional(),
  cursor: z.string().max(1000).optional().describe('nextCursor предыдущей страницы: продолжить с места, где она кончилась'),
}

/**
 * A query object whose known keys follow `shape` and whose `attr.<id>` keys become `attributeFilters`.
 * Anything else is refused, as strict objects do elsewhere in the API.
 */
function withAttributeFilters<S extends z.ZodRawShape>(shape: S) {
  return z.looseObject(shape).transform((query, ctx) => {
    const known = new Set(Object.keys(shape))
    const attributeFilters: AttributeFilter[] = []
    const rest: Record<string, unknown> = {}
    for (const [key, raw] of Object.entries(query)) {
      if (known.has(key)) {
        rest[key] = raw
        continue
      }
      const issue = (message: string) => ctx.issues.push({ code: 'custom', path: [key], message, input: raw })
      if (!key.startsWith(ATTRIBUTE_FILTER_PREFIX)) {
        issue(`неизвестный параметр запроса ${key}`)
        continue
      }
      const attributeId = key.slice(ATTRIBUTE_FILTER_PREFIX.length)
      if (!idSchema.safeParse(attributeId).success) issue(`${key}: после attr. ожидается идентификатор параметра`)
      else if (typeof raw !== 'string') issue(`${key}: фильтр по параметру задаётся один раз`)
      else if (raw.length > MAX_ATTRIBUTE_VALUE) issue(`${key}: значение длиннее ${MAX_ATTRIBUTE_VALUE} символов`)
      else if (raw === ANY_VALUE) attributeFilters.push({ attributeId, match: 'set' })
      else if (raw.trim() === '') attributeFilters.push({ attributeId, match: 'empty' })
      else attributeFilters.push({ attributeId, match: 'value', value: raw })
    }
    return { ...(rest as z.infer<z.ZodObject<S>>), attributeFilters }
  })
}

const FILTER_HELP = 'Фильтр по параметру: `attr.<attributeId>=<значение>` — точное значение, `attr.<attributeId>=*` — заполнен, '
  + '`attr.<attributeId>=` — не заполнен; несколько фильтров (и тегов) объединяются через И.'
export const CLIENT_DIRECTORY_HELP = `${FILTER_HELP} Сортировка \`sort\` (lastSessionAt, name, updatedAt) и \`order\` (asc, desc); `
  + 'пустые значения считаются наименьшими. Страницы — `limit`/`offset` или `cursor` из `nextCursor` прошлой страницы '
  + '(быстро на любой глубине); `nextCursor` нет на последней странице.'

export const clientDirectoryQuerySchema = withAttributeFilters({ ...filterShape, ...pageShape })
export type ClientDirectoryQuery = z.output<typeof clientDirectoryQuerySchema>
export const clientExportQuerySchema = withAttributeFilters(filterShape)
export type ClientExportQuery = z.output<typeof clientExportQuerySchema>

const clientDirectoryItemSchema = clientSchema.extend({
  /** Only with `attributeId`: attribute id → value for just those ids, null when the card has none. */
  attributes: z.record(z.string(), z.string().nullable()).optional()
    .describe('Только при `attributeId`: значения этих параметров, null — не заполнен'),
})
export type ClientDirectoryItem = z.infer<typeof clientDirectoryItemSchema>
export const clientDirectorySchema = listOf(clientDirectoryItemSchema).extend({ nextCursor: z.string().optional() })
export type ClientDirectory = z.infer<typeof clientDirectorySchema>
