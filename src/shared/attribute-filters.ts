// Attribute filters of the client directory, as query parameters and back: the API, the panel's URL and
// the filter chips read them the same way. Zod-free, so the panel's directory can use it as is.

/** `attr.<attributeId>=<value>` exact, `=*` has a value, `=` (empty) has none. */
export const ATTRIBUTE_FILTER_PREFIX = 'attr.'
export const ANY_VALUE = '*'
/** Days `lastDays` may reach back. */
export const MAX_LAST_DAYS = 36_500

/**
 * One condition on one attribute: a value, filled in or not, a range of numbers or dates (`gte`, `lte`,
 * either or both), the last N days of a date, or options of a list (`any` of them, or `all`).
 */
export type AttributeFilter =
  | { attributeId: string; match: 'set' | 'empty' }
  | { attributeId: string; match: 'value'; value: string }
  | { attributeId: string; match: 'range'; gte?: string; lte?: string }
  | { attributeId: string; match: 'lastDays'; days: number }
  | { attributeId: string; match: 'any' | 'all'; values: string[] }

/** The suffixes after `attr.<id>.`: the bounds of a range, the last days, the options. */
const OPS = ['gte', 'lte', 'lastDays', 'any', 'all'] as const
type Op = (typeof OPS)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The query parameters of a filter. */
export function filterParams(f: AttributeFilter): [string, string][] {
  const key = `${ATTRIBUTE_FILTER_PREFIX}${f.attributeId}`
  switch (f.match) {
    case 'value':
      return [[key, f.value]]
    case 'set':
      return [[key, ANY_VALUE]]
    case 'empty':
      return [[key, '']]
    case 'range':
      return [
        ...(f.gte !== undefined ? [[`${key}.gte`, f.gte] as [string, string]] : []),
        ...(f.lte !== undefined ? [[`${key}.lte`, f.lte] as [string, string]] : []),
      ]
    case 'lastDays':
      return [[`${key}.lastDays`, String(f.days)]]
    case 'any':
    case 'all':
      return [[`${key}.${f.match}`, f.values.join(',')]]
  }
}

export type FilterIssue = { key: string; message: string }

/**
 * Reads the `attr.…` parameters of a query: each attribute once (a range's two bounds are one filter).
 * Keys that are not attribute filters are left to the caller; a malformed one is an issue naming the key.
 */
export function parseAttributeFilters(entries: Iterable<[string, unknown]>, maxLength: number) {
  const filters = new Map<string, AttributeFilter>()
  const issues: FilterIssue[] = []
  for (const [key, raw] of entries) {
    if (!key.startsWith(ATTRIBUTE_FILTER_PREFIX)) continue
    const issue = (message: string) => issues.push({ key, message })
    const [attributeId = '', op, ...extra] = key.slice(ATTRIBUTE_FILTER_PREFIX.length).split('.')
    if (!UUID.test(attributeId) || extra.length) {
      issue(`${key}: после attr. ожидается идентификатор параметра`)
      continue
    }
    if (op !== undefined && !OPS.includes(op as Op)) {
      issue(`${key}: после идентификатора — .gte, .lte, .lastDays, .any или .all`)
      continue
    }
    if (typeof raw !== 'string') {
      issue(`${key}: фильтр по параметру задаётся один раз`)
      continue
    }
    if (raw.length > maxLength) {
      issue(`${key}: значение длиннее ${maxLength} символов`)
      continue
    }
    const id = attributeId.toLowerCase()
    const had = filters.get(id)
    const next = filterOf(id, op as Op | undefined, raw, had)
    if (typeof next === 'string') issue(`${key}: ${next}`)
    else filters.set(id, next)
  }
  return { filters: [...filters.values()], issues }
}

/** The filter a parameter makes, joined with the attribute's earlier one where they combine (gte + lte); or why not. */
function filterOf(
  attributeId: string,
  op: Op | undefined,
  raw: string,
  had: AttributeFilter | undefined,
): AttributeFilter | string {
  const bound = op === 'gte' || op === 'lte'
  if (had && !(bound && had.match === 'range' && had[op] === undefined)) return 'по одному параметру — одно условие'
  const value = raw.trim()
  switch (op) {
    case undefined:
      return raw === ANY_VALUE
        ? { attributeId, match: 'set' }
        : value === ''
          ? { attributeId, match: 'empty' }
          : { attributeId, match: 'value', value: raw }
    case 'gte':
    case 'lte':
      if (value === '') return 'пустая граница'
      return { ...(had?.match === 'range' ? had : { attributeId, match: 'range' as const }), [op]: value }
    case 'lastDays': {
      const days = Number(value)
      return Number.isInteger(days) && days >= 1 && days <= MAX_LAST_DAYS
        ? { attributeId, match: 'lastDays', days }
        : `ожидается число дней от 1 до ${MAX_LAST_DAYS}`
    }
    case 'any':
    case 'all': {
      const values = [
        ...new Set(
          value
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean),
        ),
      ]
      return values.length ? { attributeId, match: op, values } : 'перечислите варианты через запятую'
    }
  }
}
