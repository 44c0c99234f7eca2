import { and, eq, inArray, not, or, sql, type SQL } from 'drizzle-orm'
import { alias, type AnyPgColumn, type SelectedFields } from 'drizzle-orm/pg-core'
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types'
import { NOT_COUNTED, type Role } from '@shared/common'
import {
  DEFAULT_ORDER,
  MAX_DIRECTORY_COUNT,
  type ClientDirectoryQuery,
  type ClientExportQuery,
} from '@shared/client-directory'
import type { Db } from '../../db/client'
import { attributes, attributeValues, clients } from '../../db/schema'
import { asArray, isoSql, uuidArray } from '../../db/sql-helpers'
import { badRequest } from '../../http/errors'
import { companyClientCount, tagNames, tagsJson, visibleTo } from '../cards'
import { checkAttributeColumns } from './directory-attributes'
import {
  afterCursor,
  cappedCount,
  decodeCursor,
  driverCount,
  encodeCursor,
  orderOf,
  PAST_CAP,
  resolveAttributeFilters,
  sortColumnOf,
  sortKeyOf,
  whereOf,
  type CatalogRow,
  type Cursor,
  type Sort,
} from './directory-query'
import { preparedRows, rowsOf } from '../../db/raw'

/**
 * A filtered, sorted view of one company's clients, checked against its catalog. `cappedWhere` and `rowWhere`
 * are the same filter written for a capped count and for clients read one by one (whereOf's KeywordForm);
 * `driverCount` its capped count without the clients' rows, where it can be read so (driverCount).
 */
export interface Directory {
  companyId: string
  where: SQL
  cappedWhere: SQL
  rowWhere: SQL
  driverCount: SQL<number> | null
  sort: Sort
}

export async function openDirectory({
  db,
  companyId,
  role,
  q,
  seen,
}: {
  db: Db
  companyId: string
  role: Role
  q: ClientExportQuery
  seen?: CatalogRow[]
}): Promise<Directory> {
  const [attributeFilters, hiddenAttributeIds] = await Promise.all([
    resolveAttributeFilters({ db, companyId, role, filters: q.attributeFilters, seen }),
    q.keyword && role !== 'admin' ? hiddenFrom(db, companyId, role) : [],
  ])
  const filter = { ...q, attributeFilters, hiddenAttributeIds }
  return {
    companyId,
    where: whereOf(companyId, filter),
    cappedWhere: whereOf(companyId, filter, 'capped'),
    rowWhere: whereOf(companyId, filter, 'row'),
    driverCount: driverCount(companyId, filter),
    sort: { field: q.sort, order: q.order ?? DEFAULT_ORDER[q.sort] },
  }
}

/** The company's attributes a role does not see. */
const hiddenFrom = async (db: Db, companyId: string, role: Role) =>
  (
    await db
      .select({ id: attributes.id })
      .from(attributes)
      .where(and(eq(attributes.companyId, companyId), not(visibleTo(role, sql`${attributes.visibleTo}`))))
  ).map((a) => a.id)

/** What a page row needs for the cursor after it. Named as the fields are, so raw rows (preparedRows) read alike. */
const keyFields = (dir: Directory) => ({ id: clients.id, sortKey: sortKeyOf(dir.sort).as('sortKey') })

/**
 * The export's page: the card's own fields, its tag names and its times as the file writes them (`time`), each
 * named, so that the rows are read raw (readPage's `prepared`).
 */
export const exportFields = (dir: Directory, time: (at: AnyPgColumn) => SQL<string | null>) => ({
  ...keyFields(dir),
  externalId: sql<string | null>`${clients.externalId}`.as('externalId'),
  name: sql<string | null>`${clients.name}`.as('name'),
  phone: sql<string | null>`${clients.phone}`.as('phone'),
  email: sql<string | null>`${clients.email}`.as('email'),
  tags: tagNames(clients).as('tags'),
  lastSessionAt: time(clients.lastSessionAt).as('lastSessionAt'),
  updatedAt: time(clients.updatedAt).as('updatedAt'),
  createdAt: time(clients.createdAt).as('createdAt'),
})

/**
 * How many clients the directory has: one count (an InitPlan) however many rows carry it. Unless `exact`, it
 * stops one past MAX_DIRECTORY_COUNT, so that a broad filter costs a bounded index walk, not a million rows.
 */
export const countOf = (dir: Directory, exact: boolean) =>
  exact
    ? sql<number>`(SELECT count(*)::int FROM ${clients} WHERE ${dir.where})`
    : (dir.driverCount ?? cappedCount(clients, dir.cappedWhere))

const v = alias(attributeValues, 'v')

/**
 * The directory's page: each client as the API shows it (with `attributes` for the `attributeId` columns),
 * as JSON text the database writes, so the response is put together without reading the rows; `counted`
 * adds the directory's capped count to each row, so that page and count are one statement.
 */
export const itemFields = (dir: Directory, attributeIds: string[], counted?: 'capped') => ({
  ...keyFields(dir),
  total: (counted ? countOf(dir, false) : sql<number>`0`).as('total'),
  item: sql<string>`json_build_object('id', ${clients.id}, 'externalId', ${clients.externalId}, 'name', ${clients.name},
    'phone', ${clients.phone}, 'email', ${clients.email}, 'metadata', ${clients.metadata}, 'tags', ${tagsJson('client', clients)}, 'version', ${clients.version},
    'createdAt', ${isoSql(clients.createdAt)}, 'updatedAt', ${isoSql(clients.updatedAt)},
    'lastSessionAt', ${isoSql(clients.lastSessionAt)}${
      attributeIds.length
        ? sql`, 'attributes', (SELECT json_object_agg(x.id, ${v.value} ORDER BY x.n) FROM unnest(${uuidArray(attributeIds)}) WITH ORDINALITY x(id, n)
          LEFT JOIN ${attributeValues} v ON ${v.clientId} = ${clients.id} AND ${v.attributeId} = x.id)`
        : sql``
    })::text`.as('item'),
})

/** The page query itself, exported so the benchmark can EXPLAIN exactly what the routes run. */
export const selectPage = ({
  db,
  dir,
  where,
  limit,
  fields,
}: {
  db: Db
  dir: Directory
  where: SQL
  limit: number
  fields: SelectedFields
}) =>
  db
    .select(fields)
    .from(clients)
    .where(where)
    .orderBy(...orderOf(dir.sort))
    .limit(limit)

/**
 * One page: `limit` rows after the cursor (keyset) or after `offset` rows. One extra row is read to know
 * whether another page follows; `next` is the cursor of the page's last row then. `prepared` runs it as a
 * prepared statement (the directory; its fields are all plain values then). `walk`: the matches are looked for
 * among the next `walk` clients in the sort's order only (see pageOfMany).
 */
export async function readPage<F extends SelectedFields & ReturnType<typeof keyFields>>({
  db,
  dir,
  fields,
  p,
  prepared = false,
  walk,
}: {
  db: Db
  dir: Directory
  fields: F
  p: { limit: number; offset?: number; cursor?: Cursor }
  prepared?: boolean
  walk?: number
}) {
  type Row = SelectResultFields<F>
  const take = p.limit + 1
  const select = (after: SQL | undefined, limit: number, offset = 0): Promise<Row[]> => {
    const where = and(dir.where, after)!
    // Rows skipped by an offset are found by id alone: the page's fields are built for its own rows only.
    const skipped = () =>
      db
        .select({ id: clients.id })
        .from(clients)
        .where(where)
        .orderBy(...orderOf(dir.sort))
        .limit(limit)
        .offset(offset)
    // The walk's clients, named as the table is, so that the page's fields and filter read them unchanged.
    const walked = () =>
      db
        .select()
        .from(clients)
        .where(and(eq(clients.companyId, dir.companyId), after))
        .orderBy(...orderOf(dir.sort))
        .limit(walk!)
        .as('clients')
    const query = walk
      ? db
          .select(fields as SelectedFields)
          .from(walked())
          .where(dir.where)
          .orderBy(...orderOf(dir.sort))
          .limit(limit)
      : selectPage({ db, dir, where: offset ? inArray(clients.id, skipped()) : where, limit, fields })
    return prepared ? preparedRows<Row>(db, query.getSQL()) : (query as unknown as Promise<Row[]>)
  }
  const rows: Row[] = []
  if (!p.cursor) {
    rows.push(...(await select(undefined, take, p.offset)))
  } else {
    // With nullable sort values "after the cursor" is up to two index ranges: read them in list order.
    for (const after of afterCursor(dir.sort, p.cursor)) {
      if (rows.length >= take) break
      rows.push(...(await select(after, take - rows.length)))
    }
  }
  const page = rows.slice(0, p.limit)
  const last = page.at(-1)
  const next = rows.length > p.limit && last ? { value: last.sortKey, id: last.id } : null
  return { rows: page, next }
}

const countMatches = async (db: Db, dir: Directory, exact: boolean) =>
  (await rowsOf<{ n: number }>(db, sql`SELECT ${countOf(dir, exact)} AS n`))[0]!.n

const filtered = (q: ClientDirectoryQuery) =>
  Boolean(q.keyword) ||
  asArray(q.tagId).length + asArray(q.withoutTagId).length + q.attributeFilters.length > 0 ||
  Boolean(q.updatedSince || q.updatedBefore)

/** Up to this many matches, a filtered page is read from its matches gathered first (gatherPage). */
const FEW_MATCHES = 2000

/**
 * A filtered directory's matches gathered once with their sort values, counted, and the ids of the page picked from
 * them, in one statement (the cursor's conditions and the order read the gathered rows, named `clients` as the table
 * is). `capped`: up to MAX_DIRECTORY_COUNT + 1 of them, past which the ids are not all gathered, and the page is read
 * along the sort instead (pageOfMany). Each match is read once: the page's rows are then read by id alone.
 */
async function gatherPage(
  db: Db,
  dir: Directory,
  p: { limit: number; offset?: number; cursor?: Cursor },
  capped: boolean,
) {
  const after = p.cursor ? or(...afterCursor(dir.sort, p.cursor)) : undefined
  const [row] = await rowsOf<{ n: number; ids: string[] }>(
    db,
    sql`WITH m AS MATERIALIZED (SELECT ${clients.id}, ${sortColumnOf(dir.sort)} FROM ${clients}
      WHERE ${capped ? dir.cappedWhere : dir.where}${capped ? sql` LIMIT ${PAST_CAP}` : sql``})
    SELECT (SELECT count(*)::int FROM m) AS n, ARRAY(SELECT ${clients.id} FROM m ${clients}${after ? sql` WHERE ${after}` : sql``}
      ORDER BY ${sql.join(orderOf(dir.sort), sql`, `)} LIMIT ${p.limit + 1} OFFSET ${p.offset ?? 0}) AS ids`,
  )
  return row!
}

/** The page of the ids gathered (gatherPage), read by id, with the cursor after it if another follows. */
const readPicked = <F extends ReturnType<typeof itemFields>>(
  db: Db,
  dir: Directory,
  fields: F,
  page: { ids: string[]; limit: number },
) => readPage({ db, dir: { ...dir, where: sql`${clients.id} = ANY(${uuidArray(page.ids)})` }, fields, p: page })

/** How many clients in the sort's order a page of many matches is looked for among, per row of the page. */
const WALK_PER_ROW = 200

/**
 * A page of a filter with more than MAX_DIRECTORY_COUNT matches: at least 1 % of a million clients, so usually
 * found within the next few thousand clients in the sort's order. That walk is bounded (WALK_PER_ROW): matches
 * that cluster elsewhere in the order (a surname, sorted by name) would otherwise make it read most of the
 * company. A page it leaves short is read from the matches gathered and sorted instead.
 */
async function pageOfMany<F extends ReturnType<typeof itemFields>>(
  db: Db,
  dir: Directory,
  fields: F,
  p: { limit: number; offset: number; cursor?: Cursor },
) {
  if (!p.offset) {
    const walk = (p.limit + 1) * WALK_PER_ROW
    const walked = await readPage({ db, dir: { ...dir, where: dir.rowWhere }, fields, p, walk })
    if (walked.next) return walked
  }
  return readPicked(db, dir, fields, { ids: (await gatherPage(db, dir, p, false)).ids, limit: p.limit })
}

/** The directory's page as the response's JSON text, with its count. */
export async function listDirectory(db: Db, companyId: string, role: Role, q: ClientDirectoryQuery): Promise<string> {
  const dir = await openDirectory({ db, companyId, role, q })
  await checkAttributeColumns(db, companyId, role, asArray(q.attributeId))
  if (q.cursor && q.offset > 0)
    throw badRequest('querystring.offset', 'offset не сочетается с cursor: cursor уже указывает место')
  const cursor = q.cursor ? decodeCursor(q.cursor, dir.sort) : undefined
  const exact = q.withCount === 'exact'
  const columns = asArray(q.attributeId)
  const p = { limit: q.limit, offset: q.offset, cursor }
  let counts: number
  let page: { rows: { total: number; item: string }[]; next: Cursor | null }
  if (!filtered(q)) {
    // The plain directory, which every panel opens: one prepared statement (planned once per connection) with
    // its capped count, unless the page is past the end, which needs a count of its own. Counted exactly, it is
    // every client of the company: added up from the counts the database keeps, not from a million rows.
    const counted = q.withoutCount || exact ? undefined : 'capped'
    const [read, total] = await Promise.all([
      readPage({ db, dir, fields: itemFields(dir, columns, counted), p, prepared: true }),
      exact && !q.withoutCount ? companyClientCount(db, companyId) : undefined,
    ])
    page = read
    counts =
      total ??
      (counted ? (page.rows[0]?.total ?? (q.offset || cursor ? await countMatches(db, dir, false) : 0)) : NOT_COUNTED)
  } else if (!exact && !q.withoutCount) {
    // A filtered one is planned for its own values (a prepared statement's generic plan, made once for any value,
    // reads the whole company where the value at hand needs a few rows). Its matches are counted and, up to the
    // cap, the page picked from them in the same statement; past it they are many, and found along the sort.
    // Where the count needs no client's row (driverCount), it comes first: with none or past the cap, the matches
    // are not gathered at all.
    const quick = dir.driverCount ? await countMatches(db, dir, false) : undefined
    const { n, ids } =
      quick === 0 || (quick ?? 0) > MAX_DIRECTORY_COUNT ? { n: quick!, ids: [] } : await gatherPage(db, dir, p, true)
    const fields = itemFields(dir, columns)
    page =
      n === 0
        ? { rows: [], next: null }
        : n <= MAX_DIRECTORY_COUNT
          ? await readPicked(db, dir, fields, { ids, limit: q.limit })
          : await pageOfMany(db, dir, fields, p)
    counts = n
  } else {
    // An exact count, or none: counted first, so that a page of no matches is not looked for.
    const matches = q.withoutCount ? NOT_COUNTED : await countMatches(db, dir, exact)
    const few = matches > 0 && matches <= FEW_MATCHES
    page =
      matches === 0
        ? { rows: [], next: null }
        : few
          ? await readPicked(db, dir, itemFields(dir, columns), {
              ids: (await gatherPage(db, dir, p, false)).ids,
              limit: q.limit,
            })
          : await readPage({ db, dir, fields: itemFields(dir, columns), p })
    counts = matches
  }
  const { rows, next } = page
  const capped = !exact && counts > MAX_DIRECTORY_COUNT
  const total = capped ? `${MAX_DIRECTORY_COUNT},"countCapped":true` : String(counts)
  return `{"count":${total},"items":[${rows.map((r) => r.item).join(',')}]${next ? `,"nextCursor":${JSON.stringify(encodeCursor(dir.sort, next))}` : ''}}`
}
