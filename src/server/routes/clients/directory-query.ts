import { and, eq, gte, inArray, isNull, like, sql, type SQL } from 'drizzle-orm'
import { checkAttributeValue, multiValues } from '@shared/attributes'
import type { AttributeFilter, ClientSort, SortOrder } from '@shared/client-directory'
import { timestampSchema } from '@shared/common'
import type { Db } from '../../db/client'
import { attributes, attributeValues, clients } from '../../db/schema'
import { asArray, likePattern } from '../../db/sql-helpers'
import { badRequest, HttpError } from '../../errors'
import { isStorable } from '../../input-guard'
import { carriesAllClientTags } from '../tags/links'
import { phoneDigitsMatch } from './phone-search'

/** A multi-select filter matches the cards whose value contains each of the options it names. */
type ResolvedFilter = AttributeFilter & { contains?: string[] }

interface DirectoryFilter {
  keyword?: string
  tagId?: string | string[]
  updatedSince?: string
  attributeFilters: ResolvedFilter[]
}

/**
 * Checks attribute filters against the caller's catalog (another company's attribute is as unknown as a
 * made-up one) and normalises values the way a write does, so `attr.X=3,5` finds the stored `3.5`.
 */
export async function resolveAttributeFilters(db: Db, companyId: string, filters: AttributeFilter[]) {
  if (filters.length === 0) return filters
  const rows = await db.select({ id: attributes.id, type: attributes.type, options: attributes.options }).from(attributes)
    .where(and(eq(attributes.companyId, companyId), inArray(attributes.id, filters.map((f) => f.attributeId))))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const problems: { path: string; message: string }[] = []
  const resolved = filters.map((f): ResolvedFilter => {
    const attribute = byId.get(f.attributeId)
    const path = `querystring.attr.${f.attributeId}`
    if (!attribute) problems.push({ path, message: 'Параметр не найден' })
    if (!attribute || f.match !== 'value') return f
    const checked = checkAttributeValue(attribute.type, attribute.options, f.value)
    if (!checked.ok || checked.value === null) {
      problems.push({ path, message: checked.ok ? 'пустое значение' : checked.error })
      return f
    }
    return attribute.type === 'multiselect' ? { ...f, contains: multiValues(checked.value) } : { ...f, value: checked.value }
  })
  const first = problems[0]
  if (first) throw new HttpError(400, `Фильтр ${first.path.replace('querystring.', '')}: ${first.message}`, problems)
  return resolved
}

// A cleared value keeps its row with NULL (values-repo): "has a value" means a non-null one.
// A multi-select value is a JSON array of option names: each name, quoted as JSON, is found as is.
const attributeMatch = (f: ResolvedFilter) => {
  const value = f.contains ? and(...f.contains.map((o) => like(attributeValues.value, likePattern(JSON.stringify(o)))))
    : f.match === 'value' ? sql`${attributeValues.value} = ${f.value}` : sql`${attributeValues.value} IS NOT NULL`
  const exists = sql`EXISTS (SELECT 1 FROM ${attributeValues} WHERE ${attributeValues.clientId} = ${clients.id}
    AND ${attributeValues.attributeId} = ${f.attributeId} AND ${value})`
  return f.match === 'empty' ? sql`NOT ${exists}` : exists
}

/** Trigrams need three characters: a shorter keyword would read every attribute value of the company. */
const MIN_VALUE_KEYWORD = 3

/**
 * Keyword: the client's own fields or (from MIN_VALUE_KEYWORD characters) a value of an active attribute.
 * A UNION of ids, so each half is answered by its trigram indexes (an OR across the two tables would read
 * every client), folded into an array computed once: with `IN (…)` the planner expects too many matches
 * and scans the whole company for a hash join instead of fetching the matches by primary key.
 */
const keywordMatch = (companyId: string, keyword: string) => {
  const p = likePattern(keyword)
  const phone = phoneDigitsMatch(sql`c.phone_digits`, keyword)
  const own = sql`SELECT c.id FROM ${clients} c WHERE c.company_id = ${companyId}
    AND (c.name ILIKE ${p} OR c.phone ILIKE ${p} OR c.email ILIKE ${p} OR c.external_id ILIKE ${p}${phone ? sql` OR ${phone}` : sql``})`
  const inValues = [...keyword].length < MIN_VALUE_KEYWORD ? sql`` : sql` UNION
    SELECT v.client_id FROM ${attributeValues} v JOIN ${attributes} a ON a.id = v.attribute_id AND a.archived_at IS NULL
    WHERE v.company_id = ${companyId} AND v.value ILIKE ${p}`
  return sql`${clients.id} = ANY(ARRAY(${own}${inValues}))`
}

export function whereOf(companyId: string, f: DirectoryFilter): SQL {
  return and(
    eq(clients.companyId, companyId),
    f.keyword ? keywordMatch(companyId, f.keyword) : undefined,
    carriesAllClientTags(clients.id, asArray(f.tagId)),
    ...f.attributeFilters.map(attributeMatch),
    f.updatedSince ? gte(clients.updatedAt, new Date(f.updatedSince)) : undefined,
  )!
}

// ---------------------------------------------------------------------------------------------
// Sorting and keyset paging. Null counts as the smallest value: the indexes are (company, col DESC
// NULLS LAST, id DESC NULLS LAST), read forwards for desc and backwards for asc.

export interface Sort { field: ClientSort; order: SortOrder }
export interface Cursor { value: string | null; id: string }

const column = { lastSessionAt: clients.lastSessionAt, name: clients.name, updatedAt: clients.updatedAt }
const isTime = (field: ClientSort) => field !== 'name'
const nullable = (field: ClientSort) => field !== 'updatedAt'

export function orderOf({ field, order }: Sort): SQL[] {
  const dir = order === 'desc' ? sql`DESC NULLS LAST` : sql`ASC NULLS FIRST`
  return [sql`${column[field]} ${dir}`, sql`${clients.id} ${dir}`]
}

/** The sort value as exact text: microseconds matter, a JS Date would round them away and skip rows. */
export const sortKeyOf = ({ field }: Sort) => (isTime(field)
  ? sql<string | null>`to_char(${column[field]} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
  : sql<string | null>`${column[field]}`)

/** The conditions for "after the cursor", in list order; each is one index range, read one after another. */
export function afterCursor(sort: Sort, c: Cursor): SQL[] {
  const col = column[sort.field]
  const value = isTime(sort.field) ? sql`${c.value}::timestamptz` : sql`${c.value}::text`
  const id = sql`${c.id}::uuid`
  const nulls = nullable(sort.field)
  if (sort.order === 'desc') {
    if (c.value === null) return [sql`${col} IS NULL AND ${clients.id} < ${id}`]
    return [sql`(${col}, ${clients.id}) < (${value}, ${id})`, ...(nulls ? [isNull(col)] : [])]
  }
  if (c.value === null) return [sql`${col} IS NULL AND ${clients.id} > ${id}`, sql`${col} IS NOT NULL`]
  return [sql`(${col}, ${clients.id}) > (${value}, ${id})`]
}

// The cursor names its sort so that a cursor of another order is refused, not silently misread.
export const encodeCursor = (sort: Sort, c: Cursor) =>
  Buffer.from(JSON.stringify([sort.field, sort.order, c.value, c.id])).toString('base64url')

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function decodeCursor(raw: string, sort: Sort): Cursor {
  const bad = (why: string) => badRequest('querystring.cursor', `Некорректный cursor: ${why}`)
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    throw bad('возьмите nextCursor из ответа без изменений')
  }
  const [field, order, value, id] = Array.isArray(parsed) ? parsed : []
  if (typeof id !== 'string' || !UUID.test(id) || (value !== null && typeof value !== 'string')) {
    throw bad('возьмите nextCursor из ответа без изменений')
  }
  if (field !== sort.field || order !== sort.order) throw bad('он выдан для другой сортировки')
  if (value !== null && !isStorable(value)) throw bad('недопустимый символ')
  if (value !== null && isTime(sort.field) && !timestampSchema.safeParse(value).success) throw bad('неверная дата')
  return { value, id }
}
