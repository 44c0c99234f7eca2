import { and, asc, eq, inArray, not, or, sql } from 'drizzle-orm'
import { clientExportQuerySchema } from '@shared/client-directory'
import type { Role } from '@shared/common'
import type { SavedView, ViewInput } from '@shared/views'
import type { Db } from '../../db/client'
import { attributes, clients, savedViews, users } from '../../db/schema'
import { iso } from '../../db/sql-helpers'
import { forbidden, HttpError, notFound } from '../../errors'
import { visibleTo as attributeVisibleTo } from '../attributes/access'
import { openDirectory } from '../clients/directory-repo'
import { rowsOf } from '../clients/raw'

type Caller = { companyId: string; userId: string; role: Role }

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
async function directoryOf(db: Db, { companyId, role }: Caller, query: string) {
  const parsed = clientExportQuerySchema.safeParse(filterOf(query))
  if (!parsed.success) throw badQuery(parsed.error.issues[0]?.message ?? 'не разобрать')
  try {
    return { dir: await openDirectory(db, companyId, role, parsed.data), attributeIds: parsed.data.attributeFilters.map((f) => f.attributeId) }
  } catch (err) {
    throw err instanceof HttpError ? badQuery(err.message) : err
  }
}

/** How many clients the view shows now, and what its reader should know about its filters. */
async function countOf(db: Db, c: Caller, query: string): Promise<Pick<SavedView, 'count' | 'problem'>> {
  let view
  try {
    view = await directoryOf(db, c, query)
  } catch (err) {
    return { count: null, problem: err instanceof HttpError ? err.message : 'Вид не открыть' }
  }
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${clients} WHERE ${view.dir.where}`) as [{ n: number }]
  const archived = view.attributeIds.length ? await db.select({ name: attributes.name }).from(attributes)
    .where(and(inArray(attributes.id, view.attributeIds), sql`${attributes.archivedAt} IS NOT NULL`)) : []
  return { count: n, problem: archived.length ? `В архиве: ${archived.map((a) => `«${a.name}»`).join(', ')} — фильтр по нему по-прежнему действует` : null }
}

type Row = typeof savedViews.$inferSelect

const visibleTo = (c: Caller) => and(eq(savedViews.companyId, c.companyId), or(eq(savedViews.shared, true), eq(savedViews.ownerId, c.userId)))

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/**
 * Whether the view's address names no parameter hidden from the caller's role (as a filter, a column or
 * a value's key): a shared view of a supervisor's must not show an operator what it filters on.
 */
async function readableBy(db: Db, c: Caller) {
  if (c.role === 'admin') return () => true
  const hidden = new Set((await db.select({ id: attributes.id }).from(attributes)
    .where(and(eq(attributes.companyId, c.companyId), not(attributeVisibleTo(c.role, sql`${attributes.visibleTo}`))))).map((a) => a.id))
  return (query: string) => !(safeDecode(query).match(UUIDS) ?? []).some((id) => hidden.has(id.toLowerCase()))
}

const safeDecode = (query: string) => {
  try {
    return decodeURIComponent(query)
  } catch {
    return query
  }
}

async function toView(db: Db, c: Caller, r: Row, owner: { id: string; name: string } | null): Promise<SavedView> {
  return {
    id: r.id, name: r.name, query: r.query, shared: r.shared, owner, createdAt: iso(r.createdAt), ...await countOf(db, c, r.query),
  }
}

/** The caller's own views and the company's shared ones, by name, each with its count now. */
export async function listViews(db: Db, c: Caller) {
  const rows = await db.select({ view: savedViews, owner: { id: users.id, name: users.name } }).from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.ownerId)).where(visibleTo(c)).orderBy(asc(sql`lower(${savedViews.name})`), asc(savedViews.id))
  const readable = await readableBy(db, c)
  return { items: await Promise.all(rows.filter((r) => readable(r.view.query)).map((r) => toView(db, c, r.view, r.owner))) }
}

async function findView(db: Db, c: Caller, viewId: string) {
  const [row] = await db.select({ view: savedViews, owner: { id: users.id, name: users.name } }).from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.ownerId)).where(and(eq(savedViews.id, viewId), visibleTo(c)))
  if (!row || !(await readableBy(db, c))(row.view.query)) throw notFound('Вид не найден')
  // Changing a view: its author, or an admin for a shared one.
  if (row.view.ownerId !== c.userId && !(row.view.shared && c.role === 'admin')) throw forbidden()
  return row
}

export async function createView(db: Db, c: Caller, input: ViewInput) {
  await directoryOf(db, c, input.query)
  const [row] = await db.insert(savedViews).values({ companyId: c.companyId, ownerId: c.userId, name: input.name, query: input.query, shared: input.shared ?? false })
    .returning()
  const [owner] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, c.userId))
  return toView(db, c, row!, owner ?? null)
}

export async function updateView(db: Db, c: Caller, viewId: string, patch: Partial<ViewInput>) {
  const { owner } = await findView(db, c, viewId)
  if (patch.query !== undefined) await directoryOf(db, c, patch.query)
  const [row] = await db.update(savedViews).set({ ...patch, updatedAt: new Date() }).where(eq(savedViews.id, viewId)).returning()
  return toView(db, c, row!, owner)
}

export async function deleteView(db: Db, c: Caller, viewId: string) {
  await findView(db, c, viewId)
  await db.delete(savedViews).where(eq(savedViews.id, viewId))
}
