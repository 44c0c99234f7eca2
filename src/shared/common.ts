import { z } from 'zod'
import { ATTRIBUTE_FILTER_PREFIX, parseAttributeFilters } from '@shared/attribute-filters'
// Every schema comes through here: Russian messages wherever zod validates, panel and service alike.
import '@shared/zod-locale'

/** Ids are UUIDs; a malformed one is a 400 naming the parameter, never a database error. */
export const idSchema = z.uuid({ error: 'Некорректный идентификатор' })
/**
 * `{clientId}` in every path: our id, or the client's external ID (the one its channel knows it by, as
 * the operator panel shows it). Our id is tried first, always within the caller's company; neither is 404.
 */
export const clientIdParamSchema = z
  .string()
  .trim()
  .min(1, { error: 'Укажите клиента' })
  .max(200)
  .describe('Client Identifier: id клиента в Kartoteka или его внешний ID (externalId), как в панели оператора')

// The database stores years 0001–9999 of what ISO 8601 can write: an earlier moment is a 400, not a database error.
const FIRST_MOMENT = Date.parse('0001-01-01T00:00:00Z')
const inRange = [
  (v: string) => Date.parse(v) >= FIRST_MOMENT,
  { error: 'Дата вне допустимого диапазона: годы 0001–9999' },
] as const
export const timestampSchema = z.iso.datetime({ offset: true }).refine(...inRange)
/** A moment with or without its offset (without: the server's time), as TWIN's filters take it. */
export const momentSchema = z.iso.datetime({ offset: true, local: true }).refine(...inRange)

export const roleSchema = z.enum(['operator', 'supervisor', 'admin'])
export type Role = z.infer<typeof roleSchema>

export const MAX_LIST_LIMIT = 500

/** `count` of a list asked `withoutCount`: the total was not counted. */
export const NOT_COUNTED = -1

/**
 * The query fields every list takes, TWIN's common ones included (its SDK's QueryRequest sends them):
 * `page` counts pages of `limit` from 1 and wins over `offset`; `sort` is a comma list of the list's
 * documented fields, `-` first for descending; `fields` keeps only those item fields (unknown names are
 * ignored); `withoutItems` answers the count alone; `withoutCount` skips the count (`count` is then -1).
 * `group`, `timezone`, `language`, `offsetField` and `offsetValue` are accepted and change nothing.
 */
const listQueryShape = {
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  page: z.coerce.number().int().min(1, { error: 'Страницы считаются с 1' }).optional(),
  sort: z.string().trim().max(500).optional().describe('Поля через запятую; «-» перед полем — по убыванию'),
  fields: z.string().max(2000).optional().describe('Вернуть у элементов только эти поля (через запятую)'),
  withoutCount: z.stringbool().optional(),
  withoutItems: z.stringbool().optional(),
  group: z.string().max(500).optional(),
  timezone: z.coerce.number().int().min(-1440).max(1440).optional(),
  language: z.string().max(20).optional(),
  offsetField: z.string().max(100).optional(),
  offsetValue: z.string().max(500).optional(),
}

const pageToOffset = <Q extends { page?: number; limit: number; offset: number }>(q: Q) =>
  q.page ? { ...q, offset: (q.page - 1) * q.limit } : q

/** A list's query: the common fields and the list's own filters, in one strict object. */
export const listQuery = <S extends z.ZodRawShape>(shape: S) =>
  z
    .strictObject({ ...listQueryShape, ...shape })
    .transform((q) => pageToOffset(q as typeof q & { page?: number; limit: number; offset: number }))

/**
 * A query object whose known keys follow `shape` and whose `attr.<id>…` keys (shared/attribute-filters)
 * become `attributeFilters`. Anything else is refused, as strict objects do elsewhere in the API.
 */
export function withAttributeFilters<S extends z.ZodRawShape>(shape: S, maxValue: number) {
  return z.looseObject(shape).transform((query, ctx) => {
    const known = new Set(Object.keys(shape))
    const rest: Record<string, unknown> = {}
    for (const [key, raw] of Object.entries(query)) {
      if (known.has(key)) rest[key] = raw
      else if (!key.startsWith(ATTRIBUTE_FILTER_PREFIX))
        ctx.issues.push({ code: 'custom', path: [key], message: `неизвестный параметр запроса ${key}`, input: raw })
    }
    const { filters, issues } = parseAttributeFilters(Object.entries(query), maxValue)
    for (const { key, message } of issues) ctx.issues.push({ code: 'custom', path: [key], message, input: query[key] })
    return { ...(rest as z.infer<z.ZodObject<S>>), attributeFilters: filters }
  })
}

/** A list's query (as listQuery) that also takes attribute filters of the dialogue's client. */
export const listQueryWithAttributeFilters = <S extends z.ZodRawShape>(shape: S, maxValue: number) =>
  withAttributeFilters({ ...listQueryShape, ...shape }, maxValue).transform((q) =>
    pageToOffset(q as typeof q & { page?: number; limit: number; offset: number }),
  )

export const listQuerySchema = listQuery({})
export type ListQuery = z.output<typeof listQuerySchema>

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ count: z.number().int().describe('Всего; -1, если запрошено withoutCount'), items: z.array(item) })

const errorDetailSchema = z.object({ path: z.string(), message: z.string() })
export const errorSchema = z.object({
  error: z.string(),
  details: z.union([z.array(errorDetailSchema), z.record(z.string(), z.unknown()), z.null()]),
})

export const userRefSchema = z.object({ id: z.string(), name: z.string() })
