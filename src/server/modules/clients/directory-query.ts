import { and, eq, gte, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm'
import { alias, type AnyPgTable } from 'drizzle-orm/pg-core'
import { checkAttributeValue, multiValues, type AttributeType } from '@shared/attributes'
import type { AttributeFilter } from '@shared/attribute-filters'
import type { PhoneRule } from '@shared/clients'
import { MAX_DIRECTORY_COUNT, type ClientSort, type SortOrder } from '@shared/client-directory'
import { timestampSchema, type Role } from '@shared/common'
import type { Db } from '../../db/client'
import {
  attributes,
  attributeValues,
  attributeValueTexts,
  clients,
  clientSearchText,
  clientTags,
  comments,
} from '../../db/schema'
import { asArray, likePattern, lookupPerRow, uuidArray } from '../../db/sql-helpers'
import { badRequest, HttpError } from '../../http/errors'
import { isStorable } from '../../http/input-guard'
import { carriesAllClientTags, visibleTo } from '../cards'
import { getCompany, phoneRule } from '../accounts'
import { distinctValues, holds } from './multiselect-values'
import { phoneDigitsMatch } from './phone-search'

/**
 * A filter checked against its attribute: `list` says how the attribute stores options (one, or a JSON array);
 * the last days are a range of dates by then.
 */
export type ResolvedFilter = Exclude<AttributeFilter, { match: 'lastDays' }> & {
  list?: 'select' | 'multiselect'
  numeric?: boolean
  /** A multi-select's «any of» or «all of» as the stored arrays that satisfy it (multiselect-values.ts). */
  stored?: string[]
}

interface DirectoryFilter {
  keyword?: string
  /** Attributes hidden from the caller's role: their values are not searched. */
  hiddenAttributeIds: string[]
  tagId?: string | string[]
  withoutTagId?: string | string[]
  updatedSince?: string
  updatedBefore?: string
  attributeFilters: ResolvedFilter[]
}

type Problem = { path: string; message: string }
export type CatalogRow = { id: string; type: AttributeType; options: string[] }

/** A value as a write would store it (`3,5` → `3.5`, `01.02.2024` → `2024-02-01`), or the reason it cannot be. */
function stored(attribute: CatalogRow, raw: string, problem: (message: string) => void, phone?: PhoneRule) {
  const checked = checkAttributeValue(attribute.type, attribute.options, raw, phone)
  if (!checked.ok || checked.value === null) problem(checked.ok ? 'пустое значение' : checked.error)
  return checked.ok && checked.value !== null ? checked.value : undefined
}

/** Checks one filter against its attribute; a condition the type does not have is a problem, not an empty list. */
function resolveFilter(
  f: AttributeFilter,
  attribute: CatalogRow,
  problem: (suffix: string, message: string) => void,
  company: { phone: PhoneRule; timeZone: string },
): ResolvedFilter {
  const { phone } = company
  const list = attribute.type === 'select' || attribute.type === 'multiselect' ? attribute.type : undefined
  switch (f.match) {
    case 'set':
    case 'empty':
      return f
    case 'value': {
      const value = stored(attribute, f.value, (m) => problem('', m), phone) ?? f.value
      return list === 'multiselect'
        ? { attributeId: f.attributeId, match: 'all', values: multiValues(value), list }
        : { ...f, value }
    }
    case 'range': {
      if (attribute.type !== 'number' && attribute.type !== 'date') {
        problem(f.gte !== undefined ? '.gte' : '.lte', 'диапазон — только для чисел и дат')
        return f
      }
      const gte = f.gte === undefined ? undefined : stored(attribute, f.gte, (m) => problem('.gte', m))
      const lte = f.lte === undefined ? undefined : stored(attribute, f.lte, (m) => problem('.lte', m))
      const numeric = attribute.type === 'number'
      if (gte !== undefined && lte !== undefined && (numeric ? Number(gte) > Number(lte) : gte > lte))
        problem('.gte', '«от» больше, чем «до»')
      return { ...f, gte, lte, numeric }
    }
    case 'lastDays':
      if (attribute.type !== 'date') problem('.lastDays', 'последние дни — только для дат')
      // As dates: the planner sees the bounds and can tell a few days of a year from most of it.
      return { attributeId: f.attributeId, match: 'range', ...lastDays(company.timeZone, f.days) }
    case 'any':
    case 'all': {
      const suffix = `.${f.match}`
      if (!list || (f.match === 'all' && list !== 'multiselect')) {
        problem(
          suffix,
          f.match === 'all' ? '«все из» — только для множественного выбора' : '«любой из» — только для списков',
        )
        return f
      }
      const values = f.values.map((v) => stored({ ...attribute, type: 'select' }, v, (m) => problem(suffix, m)) ?? v)
      return { ...f, values, list }
    }
  }
}

/**
 * Checks attribute filters against the caller's catalog (another company's attribute, or one hidden from the
 * caller's role, is as unknown as a made-up one) and normalises values the way a write does, so `attr.X=3,5` finds the stored `3.5`.
 * `seen`: the catalog the role sees, when the caller has it already (saved views, many at a time).
 */
export async function resolveAttributeFilters({
  db,
  companyId,
  role,
  filters,
  seen,
}: {
  db: Db
  companyId: string
  role: Role
  filters: AttributeFilter[]
  seen?: CatalogRow[]
}) {
  if (filters.length === 0) return []
  const rows =
    seen ??
    (await db
      .select({ id: attributes.id, type: attributes.type, options: attributes.options })
      .from(attributes)
      .where(
        and(
          eq(attributes.companyId, companyId),
          inArray(
            attributes.id,
            filters.map((f) => f.attributeId),
          ),
          visibleTo(role, sql`${attributes.visibleTo}`),
        ),
      ))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const company = { phone: await phoneRule(db, companyId), timeZone: (await getCompany(db, companyId)).timeZone }
  const problems: Problem[] = []
  const resolved = filters.map((f): ResolvedFilter => {
    const attribute = byId.get(f.attributeId)
    const problem = (suffix: string, message: string) =>
      problems.push({ path: `querystring.attr.${f.attributeId}${suffix}`, message })
    if (!attribute) {
      problem('', 'Параметр не найден')
      return { attributeId: f.attributeId, match: 'set' } // never queried: the problem is thrown below
    }
    return resolveFilter(f, attribute, problem, company)
  })
  const first = problems[0]
  if (first) throw new HttpError(400, `Фильтр ${first.path.replace('querystring.', '')}: ${first.message}`, problems)
  return Promise.all(resolved.map((f) => withStoredArrays(db, f)))
}

/** More arrays than this satisfying a filter make a statement too long to plan: it stays a substring condition. */
const MAX_NAMED_ARRAYS = 50

/** A multi-select's «any of» or «all of» with the stored arrays that satisfy it, when the attribute has few. */
async function withStoredArrays(db: Db, f: ResolvedFilter): Promise<ResolvedFilter> {
  if (f.list !== 'multiselect' || (f.match !== 'any' && f.match !== 'all')) return f
  const values = await distinctValues(db, f.attributeId)
  if (!values) return f
  const options = f.values
  const fits = (stored: string) =>
    f.match === 'all' ? options.every((o) => holds(stored, o)) : options.some((o) => holds(stored, o))
  const stored = values.filter(fits)
  return stored.length > MAX_NAMED_ARRAYS ? f : { ...f, stored }
}

/** The last `days` days up to today in the company's time zone, as dates are stored: YYYY-MM-DD. */
function lastDays(timeZone: string, days: number) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  return { gte: new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10), lte: today }
}

// A cleared value keeps its row with NULL (values-repo): "has a value" means a non-null one.
// A multi-select value is a JSON array of option names: each name, quoted as JSON, is found as is, or the arrays
// that hold them are named (multiselect-values.ts).
function valueMatch(f: ResolvedFilter): SQL {
  const v = attributeValues.value
  const contains = (o: string) => like(v, likePattern(JSON.stringify(o)))
  switch (f.match) {
    case 'set':
    case 'empty':
      return sql`${v} IS NOT NULL`
    case 'value':
      return sql`${v} = ${f.value}`
    case 'range': {
      const side = (op: SQL, bound: string | undefined) =>
        bound === undefined
          ? undefined
          : f.numeric
            ? sql`value_number(${v}) ${op} ${bound}::numeric`
            : sql`${v} ${op} ${bound}`
      return and(sql`${v} IS NOT NULL`, side(sql`>=`, f.gte), side(sql`<=`, f.lte))!
    }
    case 'any':
    case 'all':
      // Each array as a range of one value: an equality would let the planner read the trigram index, which it
      // prices far too low (0.2 s at a million clients where the (attribute, value) index takes 5 ms).
      if (f.stored)
        return f.stored.length ? or(...f.stored.map((a) => sql`(${v} >= ${a} AND ${v} <= ${a})`))! : sql`false`
      if (f.list !== 'multiselect') return inArray(v, f.values)
      return f.match === 'any' ? or(...f.values.map(contains))! : and(...f.values.map(contains))!
  }
}

/**
 * A resolved filter on `clients` (the dialogue list joins its clients and uses it as well). `perRow`: see
 * lookupPerRow.
 */
export const attributeMatch = (f: ResolvedFilter, perRow = false) => {
  const exists = sql`EXISTS (SELECT 1 FROM ${attributeValues} WHERE ${attributeValues.clientId} = ${clients.id}
    AND ${attributeValues.attributeId} = ${f.attributeId} AND ${valueMatch(f)}${lookupPerRow(perRow)})`
  return f.match === 'empty' ? sql`NOT ${exists}` : exists
}

/** One past the count's cap: gathering stops there, and a count of it reads «более 10 000». */
export const PAST_CAP = sql.raw(String(MAX_DIRECTORY_COUNT + 1))

/** How many rows of `from` meet `where`, stopping one past the cap. */
export const cappedCount = (from: SQL | AnyPgTable, where: SQL) =>
  sql<number>`(SELECT count(*)::int FROM (SELECT FROM ${from} WHERE ${where} LIMIT ${PAST_CAP}) capped)`

/** Trigrams need three characters: a shorter keyword would read every attribute value of the company. */
const MIN_VALUE_KEYWORD = 3

const [v, a, n, x] = [
  alias(attributeValues, 'v'),
  alias(attributes, 'a'),
  alias(comments, 'n'),
  alias(attributeValueTexts, 'x'),
]

/**
 * Keyword: the client's own fields or (from MIN_VALUE_KEYWORD characters) a value of an active attribute the
 * role sees, or a note about the client. A hidden value must not match: substring search would spell it out.
 * The hidden ones are named by id (`hidden`, usually none): a condition on the attributes' `visible_to` in
 * the join made the planner expect one attribute and read every value of it instead of the trigram index.
 * Values are found through the parameters' distinct texts (attribute_value_texts): the keyword is looked for
 * among them, then their clients are read from the (attribute, value, client) index. The trigram index over every
 * card's value rechecked each card that shares a text: 0.2 s for a set of interests 60,000 cards hold.
 * The own fields are conditions on the row itself. For a set of matches (`gathered`, `capped`), the values and
 * notes are a UNION of ids folded into an array computed once (an OR across tables would read every client): the
 * trigram indexes and the primary key answer the OR together as one bitmap, and a count stops at its cap
 * without gathering every match. For clients read along the sort (`row`), they are a condition on each client
 * read, which the planner answers from a hash of the matches or, for a few clients, client by client.
 */
const keywordMatch = (companyId: string, hidden: string[], keyword: string, form: KeywordForm) => {
  const k = keywordParts(companyId, hidden, keyword)
  if (!k.values) return sql`(${k.own})`
  if (form === 'row')
    return sql`(${k.own} OR EXISTS (SELECT 1 FROM ${k.values} WHERE ${v.clientId} = ${clients.id})
      OR EXISTS (SELECT 1 FROM ${comments} n WHERE ${n.clientId} = ${clients.id} AND ${k.notes}))`
  // Past the cap the count is capped anyway: the ids need not all be gathered.
  const cap = form === 'capped' ? sql` LIMIT ${PAST_CAP}` : sql``
  return sql`(${k.own} OR ${clients.id} = ANY(ARRAY(
    SELECT ${v.clientId} FROM ${k.values}
    UNION SELECT ${n.clientId} FROM ${comments} n WHERE ${n.companyId} = ${companyId} AND ${k.notes}${cap})))`
}

/**
 * A keyword's conditions: on the client's own fields, and (from MIN_VALUE_KEYWORD characters; else undefined)
 * the values that hold it (`v`, from `values`) and on notes (`n`).
 */
function keywordParts(companyId: string, hidden: string[], keyword: string) {
  const p = likePattern(keyword)
  const phone = phoneDigitsMatch(clients.phoneDigits, keyword)
  const own = sql`${clientSearchText(clients)} ILIKE ${p}${phone ? sql` OR ${phone}` : sql``}`
  if ([...keyword].length < MIN_VALUE_KEYWORD) return { own }
  const visible = hidden.length ? sql` AND ${x.attributeId} <> ALL(${uuidArray(hidden)})` : sql``
  // The texts of the active attributes first (OFFSET: planned on their own), so that the attribute is checked once
  // for each text rather than for each of the thousands of cards that hold it.
  const values = sql`(SELECT ${x.attributeId}, ${x.value} FROM ${attributeValueTexts} x
      JOIN ${attributes} a ON ${a.id} = ${x.attributeId} AND ${a.archivedAt} IS NULL
      WHERE ${x.companyId} = ${companyId} AND ${x.value} ILIKE ${p}${visible} OFFSET 0) x
    JOIN ${attributeValues} v ON ${v.attributeId} = ${x.attributeId} AND ${v.value} = ${x.value}`
  const notes = sql`${n.sessionId} IS NULL AND ${n.deletedAt} IS NULL AND ${n.body} ILIKE ${p}`
  return { own, values, notes }
}

/**
 * The capped count of a keyword alone, without the clients' rows of its matches in values and notes: the clients
 * it finds in their own fields, in values and in notes, each set cut at the cap before they are put together
 * (a set past the cap puts them all past it). The matches of a text thousands of cards share are
 * counted from the values' index alone, where the count through `clients` looked up each of their rows.
 */
function keywordCount(companyId: string, hidden: string[], keyword: string) {
  const k = keywordParts(companyId, hidden, keyword)
  if (!k.values) return null
  return sql<number>`(SELECT count(*)::int FROM (
    (SELECT ${clients.id} FROM ${clients} WHERE ${clients.companyId} = ${companyId} AND (${k.own}) LIMIT ${PAST_CAP})
    UNION (SELECT DISTINCT ${v.clientId} FROM ${k.values} LIMIT ${PAST_CAP})
    UNION (SELECT ${n.clientId} FROM ${comments} n WHERE ${n.companyId} = ${companyId} AND ${k.notes} LIMIT ${PAST_CAP})
    LIMIT ${PAST_CAP}) capped)`
}

/**
 * How a keyword's matches in values and notes are written (keywordMatch): all gathered, gathered up to the
 * count's cap, or looked up for each client read.
 */
export type KeywordForm = 'gathered' | 'capped' | 'row'

/** The filter's tags (all of them), tags absent and parameters, each a condition on `clients.id` (lookupPerRow). */
const tagAndValueMatch = (f: DirectoryFilter, perRow: boolean) => [
  carriesAllClientTags(clients.id, asArray(f.tagId), perRow),
  ...asArray(f.withoutTagId).map((tagId) => sql`NOT ${carriesAllClientTags(clients.id, [tagId], perRow)}`),
  ...f.attributeFilters.map((a) => attributeMatch(a, perRow)),
]

/**
 * The directory's filter. `form`: how a keyword's matches in values and notes are found (KeywordForm); only a
 * keyword alone may stop gathering them at the cap: with a tag, a parameter or a date too, the matches past the
 * cap may be the ones the other conditions keep.
 */
export function whereOf(companyId: string, f: DirectoryFilter, form: KeywordForm = 'gathered'): SQL {
  // Read along the sort, the tags and parameters are looked up for each client read (the keyword's matches are
  // left to the planner: a hash of them is often cheaper than a client's values and notes).
  const perRow = form === 'row'
  const alone =
    asArray(f.tagId).length + asArray(f.withoutTagId).length + f.attributeFilters.length === 0 &&
    !f.updatedSince &&
    !f.updatedBefore
  return and(
    eq(clients.companyId, companyId),
    f.keyword
      ? keywordMatch(companyId, f.hiddenAttributeIds, f.keyword, form === 'capped' && !alone ? 'gathered' : form)
      : undefined,
    ...tagAndValueMatch(f, perRow),
    f.updatedSince ? gte(clients.updatedAt, new Date(f.updatedSince)) : undefined,
    f.updatedBefore ? lt(clients.updatedAt, new Date(f.updatedBefore)) : undefined,
  )!
}

/**
 * A capped count read from a tag's or a parameter's own index, without the clients' rows, for a filter of tags
 * and parameters only (no keyword, no dates of the card): the clients that carry the first tag or hold the first
 * parameter's value (which belong to the company) are counted, each checked for the rest of the filter. Reading
 * `clients` for each match instead costs a lookup of its row, the most of such a count. A keyword alone is counted
 * so too (keywordCount). Null for any other filter.
 */
export function driverCount(companyId: string, f: DirectoryFilter): SQL<number> | null {
  if (f.updatedSince || f.updatedBefore) return null
  const tagIds = asArray(f.tagId)
  if (f.keyword)
    return tagIds.length + asArray(f.withoutTagId).length + f.attributeFilters.length === 0
      ? keywordCount(companyId, f.hiddenAttributeIds, f.keyword)
      : null
  const driving = f.attributeFilters.findIndex((a) => a.match !== 'empty')
  if (driving < 0 && !tagIds.length) return null
  // The driving rows are named `clients`, their client `id`, so that the rest of the filter reads them unchanged.
  const from =
    driving >= 0
      ? sql`(SELECT ${attributeValues.clientId} AS id FROM ${attributeValues} WHERE ${attributeValues.attributeId} = ${f.attributeFilters[driving]!.attributeId} AND ${valueMatch(f.attributeFilters[driving]!)}) ${clients}`
      : sql`(SELECT ${clientTags.clientId} AS id FROM ${clientTags} WHERE ${clientTags.tagId} = ${tagIds[0]}) ${clients}`
  const rest =
    and(
      ...tagAndValueMatch(
        driving >= 0
          ? { ...f, attributeFilters: f.attributeFilters.filter((_, i) => i !== driving) }
          : { ...f, tagId: tagIds.slice(1) },
        false,
      ),
    ) ?? sql`true`
  return cappedCount(from, rest)
}

// ---------------------------------------------------------------------------------------------
// Sorting and keyset paging. Null counts as the smallest value: the indexes are (company, col DESC
// NULLS LAST, id DESC NULLS LAST), read forwards for desc and backwards for asc.

export interface Sort {
  field: ClientSort
  order: SortOrder
}
export interface Cursor {
  value: string | null
  id: string
}

const column = { lastSessionAt: clients.lastSessionAt, name: clients.name, updatedAt: clients.updatedAt }
/** The column a sort orders by. */
export const sortColumnOf = (sort: Sort) => column[sort.field]
const isTime = (field: ClientSort) => field !== 'name'
const nullable = (field: ClientSort) => field !== 'updatedAt'

export function orderOf({ field, order }: Sort): SQL[] {
  const dir = order === 'desc' ? sql`DESC NULLS LAST` : sql`ASC NULLS FIRST`
  return [sql`${column[field]} ${dir}`, sql`${clients.id} ${dir}`]
}

/** The sort value as exact text: microseconds matter, a JS Date would round them away and skip rows. */
export const sortKeyOf = ({ field }: Sort) =>
  isTime(field)
    ? sql<string | null>`to_char(${column[field]} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : sql<string | null>`${column[field]}`

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
