import { and, eq, sql } from 'drizzle-orm'
import { CLIENT_FIELDS, type Client, type ClientInput, type ClientPatch } from '@shared/clients'
import type { Actor } from '../../http/actor'
import type { Db, Tx } from '../../db/client'
import { clientAliases, clientCounts, clientMerges, clients } from '../../db/schema'
import { columnList, iso, isoOrNull, isUniqueViolation } from '../../db/sql-helpers'
import { badRequest, conflict, notFound } from '../../http/errors'
import { phoneRule } from '../accounts'
import { tagsOfClients } from './tag-links'
import { writeCardChanges } from './card-write'
import { rowsOf } from '../../db/raw'
import { enqueueEvent } from '../webhooks'

export type ClientRow = typeof clients.$inferSelect

export const toClient = (row: ClientRow, tags: Client['tags'] = []): Client => ({
  id: row.id,
  externalId: row.externalId,
  name: row.name,
  phone: row.phone,
  email: row.email,
  metadata: row.metadata,
  tags,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  lastSessionAt: isoOrNull(row.lastSessionAt),
  blockedAt: isoOrNull(row.blockedAt),
  blockedReason: row.blockedReason,
  erasedAt: isoOrNull(row.erasedAt),
})

/** Rows of client_counts past which a company's are folded into one. */
const FOLD_AFTER = 100

/**
 * How many clients the company has (erased ones' stubs among them), added up from client_counts (migration 0039)
 * rather than counted one by one: card quality's total, and the directory's exact count when nothing filters it.
 * Once the company's rows pass FOLD_AFTER they are folded into one, one fold at a time; appends go on beside it.
 */
export async function companyClientCount(db: Db, companyId: string) {
  const [r] = await rowsOf<{ n: number; rows: number }>(
    db,
    sql`SELECT coalesce(sum(${clientCounts.clients}), 0)::int AS n, count(*)::int AS rows
    FROM ${clientCounts} WHERE ${clientCounts.companyId} = ${companyId}`,
  )
  if (r!.rows > FOLD_AFTER) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('client_counts:' || ${companyId}::text))`)
      await tx.execute(sql`WITH gone AS (DELETE FROM ${clientCounts} WHERE ${clientCounts.companyId} = ${companyId}
          RETURNING ${clientCounts.clients} AS n)
        INSERT INTO ${clientCounts} ${columnList(clientCounts.companyId, clientCounts.clients)}
        SELECT ${companyId}, sum(n) FROM gone HAVING count(*) > 0`)
    })
  }
  return r!.n
}

export async function withTags(db: Db, rows: ClientRow[]) {
  const tags = await tagsOfClients(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toClient(r, tags.get(r.id)))
}

export const clientNotFound = () => notFound('Клиент не найден')

type CardState = { blockedAt: Date | null; blockedReason: string | null; erasedAt: Date | null }

/** 409 for a card closed to changes: its data destroyed, or its processing blocked (with the reason). */
export function assertOpen(card: CardState) {
  if (card.erasedAt) throw conflict('Персональные данные клиента уничтожены: карточку изменить нельзя')
  if (card.blockedAt)
    throw conflict(`Обработка данных клиента заблокирована: ${card.blockedReason ?? 'причина не указана'}`, [
      { path: 'clientId', message: 'обработка заблокирована' },
    ])
}

/**
 * The same for a client by our id, within the company: 404 if it is not there, unless `gone` is `'allowed'`
 * (a write that found it merged away meanwhile, and follows the merge next).
 */
export async function assertCardOpen(
  db: Db | Tx,
  companyId: string,
  clientId: string,
  gone: 'allowed' | 'refused' = 'refused',
) {
  const [card] = await db
    .select({ blockedAt: clients.blockedAt, blockedReason: clients.blockedReason, erasedAt: clients.erasedAt })
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.companyId, companyId)))
  if (!card && gone === 'refused') throw clientNotFound()
  if (card) assertOpen(card)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `{clientId}` as the contract takes it: our id, or else the client's externalId, or else the external ID of
 * a client merged into it (client_aliases), always within the company (an external ID that looks like
 * another client's id still means our id first). A merged client's own id answers 404, except with
 * `followMerges` (a write that waited for the merge: client_merges). One subquery, so a route that
 * answers with a single statement can resolve inside it.
 */
export function resolvedClientSql(companyId: string, idOrExternal: string, followMerges = false) {
  const ours = UUID.test(idOrExternal) ? idOrExternal.toLowerCase() : null
  const [c, a, m] = [clients, clientAliases, clientMerges]
  return sql`SELECT id FROM (
      SELECT ${c.id} AS id, CASE WHEN ${c.id} = ${ours}::uuid THEN 0 ELSE 1 END AS rank FROM ${c}
        WHERE ${c.companyId} = ${companyId} AND (${c.id} = ${ours}::uuid OR ${c.externalId} = ${idOrExternal})
      UNION ALL SELECT ${a.clientId}, 2 FROM ${a} WHERE ${a.companyId} = ${companyId} AND ${a.externalId} = ${idOrExternal}
      UNION ALL (SELECT ${m.targetId}, 3 FROM ${m} WHERE ${followMerges} AND ${m.companyId} = ${companyId}
        AND ${m.sourceId} = ${ours}::uuid AND ${m.undoneAt} IS NULL ORDER BY ${m.mergedAt} DESC LIMIT 1)
    ) found ORDER BY rank LIMIT 1`
}

/** A client by the external ID a channel knows it by, its own or one merged into it; undefined if none. */
export async function clientByExternalId(db: Db, companyId: string, externalId: string) {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`SELECT ${clients.id} AS id FROM ${clients} WHERE ${clients.companyId} = ${companyId} AND ${clients.externalId} = ${externalId}
    UNION ALL SELECT ${clientAliases.clientId} FROM ${clientAliases}
      WHERE ${clientAliases.companyId} = ${companyId} AND ${clientAliases.externalId} = ${externalId} LIMIT 1`,
  )
  return row?.id
}

/**
 * Locks the client FOR KEY SHARE for a write that belongs to it (a tag): a merge deleting it waits for the
 * write, or the write for the merge, and then lands on the client it was merged into. Returns that id.
 */
export async function lockClientForWrite(tx: Db, companyId: string, clientId: string): Promise<string> {
  for (const followMerges of [false, true]) {
    const [row] = await rowsOf<{
      id: string
      blocked_at: Date | null
      blocked_reason: string | null
      erased_at: Date | null
    }>(
      tx,
      sql`SELECT ${clients.id} AS id, ${clients.blockedAt} AS blocked_at, ${clients.blockedReason} AS blocked_reason,
        ${clients.erasedAt} AS erased_at FROM ${clients}
      WHERE ${clients.id} = (${resolvedClientSql(companyId, clientId, followMerges)}) FOR KEY SHARE`,
    )
    if (row) {
      assertOpen({ blockedAt: row.blocked_at, blockedReason: row.blocked_reason, erasedAt: row.erased_at })
      return row.id
    }
  }
  throw clientNotFound()
}

/** The client's id for `{clientId}`, 404 otherwise. */
export async function resolveClientId(db: Db, companyId: string, idOrExternal: string): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, resolvedClientSql(companyId, idOrExternal))
  if (!row) throw clientNotFound()
  return row.id
}

/** The client's row by our id (a resolved `{clientId}`), within the caller's company, else 404. */
export async function findClientRow(db: Db, companyId: string, clientId: string) {
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.companyId, companyId)))
  if (!row) throw clientNotFound()
  return row
}

export async function getClient(db: Db, companyId: string, clientId: string) {
  const [client] = await withTags(db, [await findClientRow(db, companyId, clientId)])
  return client!
}

/**
 * A form sends "" for a field left blank: stored as unset, so that two clients without an externalId do not
 * collide on the unique (company, externalId) index. Absent keys stay absent (PATCH). A phone is checked
 * by the company's country and stored in E.164.
 */
async function normalize(db: Db, companyId: string, input: ClientInput): Promise<ClientInput> {
  const out: ClientInput = Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key, value === '' ? null : value]),
  )
  if (out.phone) out.phone = await storedPhone(db, companyId, out.phone, 'body.phone')
  return out
}

/** A phone as the company stores it, or a 400 at `path`. */
export async function storedPhone(db: Db, companyId: string, raw: string, path: string) {
  const phone = (await phoneRule(db, companyId))(raw)
  if (!phone.ok) throw badRequest(path, phone.error)
  return phone.value
}

const duplicateExternalId = (err: unknown) =>
  isUniqueViolation(err)
    ? conflict('Клиент с таким externalId уже есть', [{ path: 'body.externalId', message: 'уже занят' }])
    : err

/**
 * An external ID that is an address of a merged card (client_aliases) is taken: a new card with it would
 * answer `GET /clients/{externalId}` in place of the card it belongs to.
 */
async function ensureNotAlias(db: Db, companyId: string, externalId: string | null | undefined, clientId?: string) {
  if (!externalId) return
  const [alias] = await db
    .select({ clientId: clientAliases.clientId })
    .from(clientAliases)
    .where(and(eq(clientAliases.companyId, companyId), eq(clientAliases.externalId, externalId)))
  if (alias && alias.clientId !== clientId) {
    throw conflict('Этот externalId принадлежит клиенту, с которым объединили другого: он уже открывается по нему', [
      { path: 'body.externalId', message: `уже занят: адрес клиента ${alias.clientId}` },
    ])
  }
}

export async function createClient(db: Db, companyId: string, input: ClientInput) {
  const fields = await normalize(db, companyId, input)
  await ensureNotAlias(db, companyId, fields.externalId)
  const client = await db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(clients)
        .values({ companyId, ...fields })
        .returning()
      const created = toClient(row!)
      await enqueueEvent(tx, { companyId, event: 'client.created', clientId: created.id, data: created })
      return created
    })
    .catch((err) => {
      throw duplicateExternalId(err)
    })
  return client
}

/**
 * Changes the client; each changed name, phone or email gets a history row, as attribute values do. With
 * `version`, a client changed since that version is a 409 carrying the client as it is now.
 */
export async function updateClient(db: Db, actor: Actor, clientId: string, { version, ...input }: ClientPatch) {
  const { companyId } = actor
  const patch = await normalize(db, companyId, input)
  await ensureNotAlias(db, companyId, patch.externalId, clientId)
  const row = await db
    .transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(clients)
        .where(and(eq(clients.id, clientId), eq(clients.companyId, companyId)))
        .for('update')
      if (!before) throw clientNotFound()
      assertOpen(before)
      if (version !== undefined && version !== before.version) {
        const [now] = await withTags(tx, [before])
        throw conflict('Клиента уже изменил кто-то другой', now)
      }
      const fields = CLIENT_FIELDS.flatMap((field) =>
        patch[field] === undefined ? [] : [{ clientId, field, value: patch[field] }],
      )
      const written = await writeCardChanges({ tx, companyId, userId: actor.userId, source: actor.source, fields })
      // What has no history (external ID, metadata) moves the version too, once per change of the client.
      const { name: _name, phone: _phone, email: _email, ...rest } = patch
      const restChanged = Object.entries(rest).some(
        ([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before]),
      )
      const [after] = await tx
        .update(clients)
        .set({
          ...rest,
          updatedAt: sql`greatest(${clients.updatedAt}, clock_timestamp())`,
          ...(restChanged && written.fields.length === 0 && { version: sql`${clients.version} + 1` }),
        })
        .where(eq(clients.id, clientId))
        .returning()
      // The external ID has no history of its own: its change is an event of its own.
      if (after!.externalId !== before.externalId) {
        const change = { field: 'externalId', oldValue: before.externalId, newValue: after!.externalId }
        const data = { clientId, changes: [change], source: actor.source, changedBy: { id: actor.userId } }
        await enqueueEvent(tx, { companyId, event: 'client.updated', clientId, data })
      }
      return after!
    })
    .catch((err) => {
      throw duplicateExternalId(err)
    })
  const [client] = await withTags(db, [row])
  return client!
}
