import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Client, ClientInput } from '../../../shared/clients'
import type { Db } from '../../db/client'
import { clients, clientTags } from '../../db/schema'
import { asArray, ilikeAny, iso, isoOrNull, isUniqueViolation } from '../../db/sql-helpers'
import { conflict, notFound } from '../../errors'
import { tagsOfClients } from '../tags/links'

type ClientRow = typeof clients.$inferSelect

export const toClient = (row: ClientRow, tags: Client['tags'] = []): Client => ({
  id: row.id,
  externalId: row.externalId,
  name: row.name,
  phone: row.phone,
  email: row.email,
  metadata: row.metadata,
  tags,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  lastSessionAt: isoOrNull(row.lastSessionAt),
})

async function withTags(db: Db, rows: ClientRow[]) {
  const tags = await tagsOfClients(db, rows.map((r) => r.id))
  return rows.map((r) => toClient(r, tags.get(r.id)))
}

/** Clients that carry every one of these tags. */
export const hasAllClientTags = (clientId: SQL | typeof clients.id, tagIds: string[]) =>
  sql`${clientId} IN (SELECT ${clientTags.clientId} FROM ${clientTags} WHERE ${inArray(clientTags.tagId, tagIds)}
    GROUP BY ${clientTags.clientId} HAVING count(*) = ${tagIds.length})`

export interface ClientFilter {
  keyword?: string
  tagId?: string | string[]
  limit: number
  offset: number
  withoutCount?: boolean
}

export async function listClients(db: Db, companyId: string, f: ClientFilter) {
  const tagIds = asArray(f.tagId)
  const where = and(
    eq(clients.companyId, companyId),
    f.keyword ? ilikeAny([clients.name, clients.phone, clients.email, clients.externalId], f.keyword) : undefined,
    tagIds.length ? hasAllClientTags(clients.id, tagIds) : undefined,
  )
  const rows = await db.select().from(clients).where(where)
    .orderBy(sql`${clients.lastSessionAt} DESC NULLS LAST`, desc(clients.id)).limit(f.limit).offset(f.offset)
  const total = f.withoutCount ? null : (await db.select({ n: count() }).from(clients).where(where))[0]!.n
  return { count: total, items: await withTags(db, rows) }
}

export async function findClientRow(db: Db, companyId: string, clientId: string) {
  const [row] = await db.select().from(clients).where(and(eq(clients.id, clientId), eq(clients.companyId, companyId)))
  if (!row) throw notFound('Клиент не найден')
  return row
}

export async function getClient(db: Db, companyId: string, clientId: string) {
  const [client] = await withTags(db, [await findClientRow(db, companyId, clientId)])
  return client!
}

const normalize = (input: ClientInput) => ({
  ...input,
  email: input.email === '' ? null : input.email,
})

const duplicateExternalId = (err: unknown) =>
  isUniqueViolation(err) ? conflict('Клиент с таким externalId уже есть', [{ path: 'body.externalId', message: 'уже занят' }]) : err

export async function createClient(db: Db, companyId: string, input: ClientInput) {
  const [row] = await db.insert(clients).values({ companyId, ...normalize(input) }).returning()
    .catch((err) => { throw duplicateExternalId(err) })
  return toClient(row!)
}

export async function updateClient(db: Db, companyId: string, clientId: string, input: ClientInput) {
  const [row] = await db.update(clients).set({ ...normalize(input), updatedAt: new Date() })
    .where(and(eq(clients.id, clientId), eq(clients.companyId, companyId))).returning()
    .catch((err) => { throw duplicateExternalId(err) })
  if (!row) throw notFound('Клиент не найден')
  const [client] = await withTags(db, [row])
  return client!
}
