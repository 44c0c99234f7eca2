import { and, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { ChangeSource } from '@shared/attributes'
import type { AssignedTag } from '@shared/tags'
import type { Db, Tx } from '../../db/client'
import { clientTags, sessions, sessionTags, tagGroups, tags, users } from '../../db/schema'
import { columnList, iso } from '../../db/sql-helpers'
import { conflict, notFound } from '../../http/errors'
import { rowsOf } from '../../db/raw'
import { lockClientForWrite, writeCardChanges } from '../cards'
import { getUser } from '../accounts'
import { postMessage } from '../sessions'
import type { EventBus } from '../events'
import { findTagRow, toTag, usageCount, type TagKind } from './repo'

const linkOf = {
  client: { table: clientTags, owner: clientTags.clientId },
  session: { table: sessionTags, owner: sessionTags.sessionId },
}

/** `clientId` narrows to the dialogues of one client: a system line never lands in a stranger's thread. */
export async function findSession(db: Db, companyId: string, sessionId: string, clientId?: string) {
  const [row] = await db
    .select({ id: sessions.id, clientId: sessions.clientId })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.companyId, companyId),
        clientId ? eq(sessions.clientId, clientId) : undefined,
      ),
    )
  if (!row) throw notFound('Диалог не найден')
  return row
}

/** The tags on one client or session, archived ones included: archiving hides a tag from pickers only. */
export async function listAssigned(db: Db, kind: TagKind, ownerId: string) {
  const { table, owner } = linkOf[kind]
  const rows = await db
    .select({ tag: tags, usage: usageCount(kind), addedAt: table.addedAt, byId: users.id, byName: users.name })
    .from(table)
    .innerJoin(tags, eq(tags.id, table.tagId))
    .leftJoin(users, eq(users.id, table.addedBy))
    .where(eq(owner, ownerId))
    .orderBy(table.addedAt, tags.id)
  const items = rows.map((r): AssignedTag => ({
    ...toTag(r.tag, r.usage),
    addedAt: iso(r.addedAt),
    addedBy: r.byId && r.byName ? { id: r.byId, name: r.byName } : null,
  }))
  return { count: items.length, items }
}

export interface TagChange {
  kind: TagKind
  op: 'add' | 'remove'
  companyId: string
  userId: string
  ownerId: string
  tagId: string
  /** The dialogue that gets the system line about the change, if any. */
  lineSessionId?: string
  /** For the card's history: `panel` or `api` (default). */
  source?: ChangeSource
}

/**
 * A session's link added or removed in one statement; in a single-choice group the session's other tags of the
 * group come off (`replaced`, their names).
 */
function sessionLinkSql(c: TagChange, groupId: string | null) {
  const [l, t] = [alias(sessionTags, 'l'), alias(tags, 't')]
  const changed =
    c.op === 'add'
      ? sql`INSERT INTO ${sessionTags} ${columnList(sessionTags.sessionId, sessionTags.tagId, sessionTags.addedBy)}
          VALUES (${c.ownerId}, ${c.tagId}, ${c.userId}) ON CONFLICT DO NOTHING RETURNING ${sessionTags.tagId} AS tag_id`
      : sql`DELETE FROM ${sessionTags} WHERE ${sessionTags.sessionId} = ${c.ownerId} AND ${sessionTags.tagId} = ${c.tagId}
          RETURNING ${sessionTags.tagId} AS tag_id`
  const replaced = groupId
    ? sql`DELETE FROM ${sessionTags} l USING ${tags} t WHERE EXISTS (SELECT FROM changed) AND ${l.sessionId} = ${c.ownerId} AND ${t.id} = ${l.tagId}
        AND ${t.groupId} = ${groupId} AND ${t.id} <> ${c.tagId} RETURNING ${t.id} AS tag_id, ${t.name} AS name`
    : sql`SELECT NULL::uuid AS tag_id, NULL::text AS name WHERE false`
  return sql`WITH changed AS (${changed}), replaced AS (${replaced})
    SELECT EXISTS (SELECT FROM changed) AS changed,
      coalesce((SELECT json_agg(name) FROM replaced), '[]') AS replaced`
}

/**
 * A client's tag is part of the card: it goes through the card write path (history, updatedAt), the group's
 * other tags taken off first when the group allows one. The client is locked, so what is on it holds.
 */
async function changeClientTag(tx: Tx, c: TagChange, groupId: string | null) {
  const on = await tx
    .select({ id: tags.id, name: tags.name, groupId: tags.groupId })
    .from(clientTags)
    .innerJoin(tags, eq(tags.id, clientTags.tagId))
    .where(eq(clientTags.clientId, c.ownerId))
  if ((c.op === 'add') === on.some((t) => t.id === c.tagId)) return { changed: false, replaced: [] }
  const mates = groupId ? on.filter((t) => t.groupId === groupId && t.id !== c.tagId) : []
  const action = c.op === 'add' ? ('added' as const) : ('removed' as const)
  await writeCardChanges({
    tx,
    companyId: c.companyId,
    userId: c.userId,
    source: c.source ?? 'api',
    tags: [
      ...mates.map((t) => ({ clientId: c.ownerId, tagId: t.id, action: 'removed' as const })),
      { clientId: c.ownerId, tagId: c.tagId, action },
    ],
  })
  return { changed: true, replaced: mates.map((t) => t.name) }
}

/**
 * Adds or removes one tag link. Both are idempotent: adding a present tag or removing an absent one
 * changes nothing and writes no system line. Returns the system message when one was written, and the
 * owner the change landed on (a client merged into another while the change waited: that other one).
 * What needs no lock is read first, so the transaction is a few statements long.
 */
async function changeTag(db: Db, change: TagChange) {
  const tag = await findTagRow(db, change.companyId, change.kind, change.tagId)
  const [group] =
    change.op === 'add' && tag.groupId
      ? await db.select({ single: tagGroups.single }).from(tagGroups).where(eq(tagGroups.id, tag.groupId))
      : []
  const author = change.lineSessionId ? await getUser(db, change.companyId, change.userId) : null
  return db.transaction(async (trx) => {
    const tx = trx as unknown as Db
    const c =
      change.kind === 'client'
        ? { ...change, ownerId: await lockClientForWrite(tx, change.companyId, change.ownerId) }
        : change
    if (c.op === 'add' && tag.archivedAt) {
      // Already there is fine (a repeated PUT); putting it anywhere new is not.
      const { table, owner } = linkOf[c.kind]
      if (
        (
          await tx
            .select({ tagId: table.tagId })
            .from(table)
            .where(and(eq(owner, c.ownerId), eq(table.tagId, c.tagId)))
        ).length === 0
      ) {
        throw conflict(`Тег «${tag.name}» в архиве: добавить его нельзя. Восстановите его в каталоге.`, [
          { path: 'params.tagId', message: 'тег в архиве' },
        ])
      }
      return { changed: false, message: null, ownerId: c.ownerId }
    }
    const groupId = group?.single ? tag.groupId : null
    const { changed, replaced } =
      c.kind === 'client'
        ? await changeClientTag(trx, c, groupId)
        : (await rowsOf<{ changed: boolean; replaced: string[] }>(tx, sessionLinkSql(c, groupId)))[0]!
    if (!changed || !c.lineSessionId) return { changed, message: null, ownerId: c.ownerId }
    const verb = c.op === 'add' ? 'добавил' : 'убрал'
    // "тег клиента" tells the reader the tag follows the client into every dialogue.
    const what = c.kind === 'client' ? 'тег клиента' : 'тег'
    const instead = replaced.length ? ` вместо ${replaced.map((name) => `«${name}»`).join(', ')}` : ''
    const { message } = await postMessage(tx, c.companyId, c.lineSessionId, {
      authorType: 'system',
      body: `${author!.name} ${verb} ${what} «${tag.name}»${instead}`,
    })
    return { changed, message, ownerId: c.ownerId }
  })
}

/**
 * Applies the change and tells every open panel: the owner's tags and, if written, the system line. Returns
 * the owner it landed on (a client merged meanwhile: the one it went into). `clientId`: the dialogue's client
 * for a session tag.
 */
export async function applyTagChange(
  db: Db,
  bus: EventBus,
  { change, clientId }: { change: TagChange; clientId: string },
) {
  const { changed, message, ownerId } = await changeTag(db, change)
  if (!changed) return ownerId
  bus.publish(
    change.companyId,
    change.kind === 'client'
      ? { type: 'client.tags.changed', clientId: ownerId }
      : { type: 'session.tags.changed', sessionId: change.ownerId, clientId },
  )
  if (message) {
    bus.publish(change.companyId, { type: 'message.created', sessionId: message.sessionId, messageId: message.id })
    bus.publish(change.companyId, { type: 'session.updated', sessionId: message.sessionId, clientId })
  }
  return ownerId
}
