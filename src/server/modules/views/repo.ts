import { and, asc, count, eq, or, sql } from 'drizzle-orm'
import { clientExportQuerySchema, MAX_DIRECTORY_COUNT } from '@shared/client-directory'
import type { Role } from '@shared/common'
import { MAX_SHARED_VIEWS, type SavedView, type ViewCount, type ViewInput } from '@shared/views'
import type { ChatEvent } from '@shared/events'
import type { Db } from '../../db/client'
import { attributes, savedViews, users } from '../../db/schema'
import { iso } from '../../db/sql-helpers'
import type { EventBus } from '../events'
import { conflict, forbidden, HttpError, notFound } from '../../http/errors'
import { sees } from '../cards'
import { countOf, openDirectory } from '../clients'
import { rowsOf } from '../../db/raw'

type Caller = { companyId: string; userId: string; role: Role }

/** The company's parameters, read once for all of a caller's views. */
type Catalog = Map<string, typeof attributes.$inferSelect>

async function catalogOf(db: Db, companyId: string): Promise<Catalog> {
  return new Map((await db.select().from(attributes).where(eq(attributes.companyId, companyId))).map((a) => [a.id, a]))
}

/** The panel's directory address as GET /clients takes it: `q` is `keyword`, `cols` is the panel's own. */
function filterOf(query: string) {
  const params = new URLSearchParams(query)
  const filter: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    if (key === 'cols') continue
    const values = params.getAll(key)
    filter[key === 'q' ? 'keyword' : key] = values.length > 1 || key === 'tagId' ? values : values[0]!
  }
  return filter
}

const badQuery = (message: string) => new HttpError(400, `Адрес вида: ${message}`, [{ path: 'body.query', message }])

/** The view's filters, checked against the catalog as GET /clients checks them; a bad one names `body.query`. */
async function directoryOf(db: Db, { companyId, role }: Caller, query: string, catalog: Catalog) {
  const parsed = clientExportQuerySchema.safeParse(filterOf(query))
  if (!parsed.success) throw badQuery(parsed.error.issues[0]?.message ?? 'не разобрать')
  const seen = [...catalog.values()].filter((a) => sees(a.visibleTo, role))
  try {
    return {
      dir: await openDirectory({ db, companyId, role, q: parsed.data, seen }),
      attributeIds: parsed.data.attributeFilters.map((f) => f.attributeId),
    }
  } catch (err) {
    throw err instanceof HttpError ? badQuery(err.message) : err
  }
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

const safeDecode = (query: string) => {
  try {
    return decodeURIComponent(query)
  } catch {
    return query
  }
}

/**
 * Whether the view's address names no parameter hidden from the caller's role (as a filter, a column or
 * a value's key): a shared view of a supervisor's must not show an operator what it filters on.
 */
const readable = (catalog: Catalog, role: Role, query: string) =>
  !(safeDecode(query).match(UUIDS) ?? []).some((id) => {
    const attribute = catalog.get(id.toLowerCase())
    return attribute !== undefined && !sees(attribute.visibleTo, role)
  })

/** What a reader should know about a view's filters: a parameter archived (its filter still works). */
function problemOf(catalog: Catalog, query: string) {
  const archived = [...new Set(safeDecode(query).match(UUIDS) ?? [])]
    .map((id) => catalog.get(id.toLowerCase()))
    .filter((a) => a?.archivedAt)
  return archived.length
    ? `В архиве: ${archived.map((a) => `«${a!.name}»`).join(', ')} — фильтр по нему по-прежнему действует`
    : null
}

/** Events after which a view may count differently: the cards, their tags, values and notes, the catalog. */
const RECOUNT_AFTER = new Set<ChatEvent['type']>([
  'client.updated',
  'client.attributes.changed',
  'client.tags.changed',
  'clients.changed',
  'catalog.changed',
  'comment.changed',
])
const MAX_COUNTS = 5000

/**
 * Counts of views per company, role and address, kept until the company's cards change (its events say
 * when, from every process): every panel's navigation lists the views on each visit, most often unchanged.
 */
export function createViewCounts(bus: EventBus) {
  const counts = new Map<string, Map<string, ViewCount>>()
  const watched = new Set<string>()
  const keyOf = (c: Caller, query: string) => `${c.role}\n${query}`
  return {
    known: (c: Caller, query: string) => counts.get(c.companyId)?.get(keyOf(c, query)) ?? null,
    /** How many clients the view shows now, and what its reader should know about its filters. */
    async count(db: Db, c: Caller, query: string, catalog: Catalog): Promise<ViewCount> {
      const known = this.known(c, query)
      if (known) return known
      if (!watched.has(c.companyId)) {
        watched.add(c.companyId)
        bus.subscribe(c.companyId, (e) => void (RECOUNT_AFTER.has(e.type) && counts.delete(c.companyId)))
      }
      let value: ViewCount
      try {
        const view = await directoryOf(db, c, query, catalog)
        const [{ n }] = (await rowsOf<{ n: number }>(db, sql`SELECT ${countOf(view.dir, false)} AS n`)) as [
          { n: number },
        ]
        const problem = problemOf(catalog, query)
        value =
          n > MAX_DIRECTORY_COUNT ? { count: MAX_DIRECTORY_COUNT, countCapped: true, problem } : { count: n, problem }
      } catch (err) {
        value = { count: null, problem: err instanceof HttpError ? err.message : 'Вид не открыть' }
      }
      const mine = counts.get(c.companyId) ?? new Map<string, ViewCount>()
      if (mine.size < MAX_COUNTS) mine.set(keyOf(c, query), value)
      counts.set(c.companyId, mine)
      return value
    },
  }
}
export type ViewCounts = ReturnType<typeof createViewCounts>

type Row = typeof savedViews.$inferSelect

const visibleTo = (c: Caller) =>
  and(eq(savedViews.companyId, c.companyId), or(eq(savedViews.shared, true), eq(savedViews.ownerId, c.userId)))

const toView = (
  r: Row,
  owner: { id: string; name: string } | null,
  counts: ViewCount & { counted: boolean },
): SavedView => ({
  id: r.id,
  name: r.name,
  query: r.query,
  shared: r.shared,
  owner,
  createdAt: iso(r.createdAt),
  ...counts,
})

/**
 * The caller's own views and the company's shared ones, by name, with the counts already known. The list
 * counts nothing itself: a count of 100,000 clients can take longer than the whole list may, and the
 * panel asks GET /views/{id}/count for the views in sight, which every panel then shares.
 */
export async function listViews(db: Db, counts: ViewCounts, c: Caller) {
  const [rows, catalog] = await Promise.all([
    db
      .select({ view: savedViews, owner: { id: users.id, name: users.name } })
      .from(savedViews)
      .leftJoin(users, eq(users.id, savedViews.ownerId))
      .where(visibleTo(c))
      .orderBy(asc(sql`lower(${savedViews.name})`), asc(savedViews.id)),
    catalogOf(db, c.companyId),
  ])
  return {
    items: rows
      .filter((r) => readable(catalog, c.role, r.view.query))
      .map(({ view, owner }) => {
        const known = counts.known(c, view.query)
        return toView(
          view,
          owner,
          known
            ? { ...known, counted: true }
            : { count: null, problem: problemOf(catalog, view.query), counted: false },
        )
      }),
  }
}

async function findView(db: Db, c: Caller, viewId: string, catalog: Catalog) {
  const [row] = await db
    .select({ view: savedViews, owner: { id: users.id, name: users.name } })
    .from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.ownerId))
    .where(and(eq(savedViews.id, viewId), visibleTo(c)))
  if (!row || !readable(catalog, c.role, row.view.query)) throw notFound('Вид не найден')
  return row
}

/** One view's count, for a view the list left uncounted. */
export async function countView(db: Db, counts: ViewCounts, c: Caller, viewId: string): Promise<ViewCount> {
  const catalog = await catalogOf(db, c.companyId)
  const { view } = await findView(db, c, viewId, catalog)
  return counts.count(db, c, view.query, catalog)
}

/** Changing a view: its author, or an admin for a shared one. */
async function findOwnView(db: Db, c: Caller, viewId: string, catalog: Catalog) {
  const row = await findView(db, c, viewId, catalog)
  if (row.view.ownerId !== c.userId && !(row.view.shared && c.role === 'admin')) throw forbidden()
  return row
}

/** A company keeps at most MAX_SHARED_VIEWS shared views: everyone's navigation lists them all. */
async function ensureRoomForShared(db: Db, c: Caller) {
  const [{ n }] = (await db
    .select({ n: count() })
    .from(savedViews)
    .where(and(eq(savedViews.companyId, c.companyId), eq(savedViews.shared, true)))) as [{ n: number }]
  if (n >= MAX_SHARED_VIEWS) {
    throw conflict(`В компании уже ${MAX_SHARED_VIEWS} общих видов: удалите ненужные или сохраните вид для себя`, [
      { path: 'body.shared', message: `не больше ${MAX_SHARED_VIEWS} общих` },
    ])
  }
}

async function saved({
  db,
  counts,
  c,
  row,
  owner,
  catalog,
}: {
  db: Db
  counts: ViewCounts
  c: Caller
  row: Row
  owner: { id: string; name: string } | null
  catalog: Catalog
}) {
  return toView(row, owner, { ...(await counts.count(db, c, row.query, catalog)), counted: true })
}

export async function createView(db: Db, counts: ViewCounts, c: Caller, input: ViewInput) {
  const catalog = await catalogOf(db, c.companyId)
  await directoryOf(db, c, input.query, catalog)
  if (input.shared) await ensureRoomForShared(db, c)
  const [row] = await db
    .insert(savedViews)
    .values({
      companyId: c.companyId,
      ownerId: c.userId,
      name: input.name,
      query: input.query,
      shared: input.shared ?? false,
    })
    .returning()
  const [owner] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, c.userId))
  return saved({ db, counts, c, row: row!, owner: owner ?? null, catalog })
}

export async function updateView({
  db,
  counts,
  c,
  viewId,
  patch,
}: {
  db: Db
  counts: ViewCounts
  c: Caller
  viewId: string
  patch: Partial<ViewInput>
}) {
  const catalog = await catalogOf(db, c.companyId)
  const { view, owner } = await findOwnView(db, c, viewId, catalog)
  if (patch.query !== undefined) await directoryOf(db, c, patch.query, catalog)
  if (patch.shared && !view.shared) await ensureRoomForShared(db, c)
  const [row] = await db
    .update(savedViews)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(savedViews.id, viewId))
    .returning()
  return saved({ db, counts, c, row: row!, owner, catalog })
}

export async function deleteView(db: Db, c: Caller, viewId: string) {
  await findOwnView(db, c, viewId, await catalogOf(db, c.companyId))
  await db.delete(savedViews).where(eq(savedViews.id, viewId))
}
