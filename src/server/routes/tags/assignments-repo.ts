import { and, eq, inArray, ne } from 'drizzle-orm'
import type { ChangeSource } from '@shared/attributes'
import type { AssignedTag } from '@shared/tags'
import type { Db } from '../../db/client'
import { clientTagHistory, clientTags, sessions, sessionTags, tagGroups, tags, users } from '../../db/schema'
import { iso } from '../../db/sql-helpers'
import { conflict, notFound } from '../../errors'
import { lockClientForWrite, touchClient } from '../clients/repo'
import { getUser } from '../operators/repo'
import { postMessage } from '../sessions/messages-repo'
import { findTagRow, toTag, usageCount, type TagKind } from './repo'

const linkOf = { client: { table: clientTags, owner: clientTags.clientId }, session: { table: sessionTags, owner: sessionTags.sessionId } }

/** `clientId` narrows to the dialogues of one client: a system line never lands in a stranger's thread. */
export async function findSession(db: Db, companyId: string, sessionId: string, clientId?: string) {
  const [row] = await db.select({ id: sessions.id, clientId: sessions.clientId }).from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId), clientId ? eq(sessions.clientId, clientId) : undefined))
  if (!row) throw notFound('Диалог не найден')
  return row
}

/** The tags on one client or session, archived ones included: archiving hides a tag from pickers only. */
export async function listAssigned(db: Db, kind: TagKind, ownerId: string) {
  const { table, owner } = linkOf[kind]
  const rows = await db.select({ tag: tags, usage: usageCount(kind), addedAt: table.addedAt, byId: users.id, byName: users.name })
    .from(table).innerJoin(tags, eq(tags.id, table.tagId)).leftJoin(users, eq(users.id, table.addedBy))
    .where(eq(owner, ownerId)).orderBy(table.addedAt, tags.id)
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

/** In a single-choice group, the owner's other tags of the group come off; returns them. */
async function takeOffGroupmates(tx: Db, kind: TagKind, ownerId: string, groupId: string, keep: string) {
  const [group] = await tx.select({ single: tagGroups.single }).from(tagGroups).where(eq(tagGroups.id, groupId))
  if (!group?.single) return []
  const { table, owner } = linkOf[kind]
  const mates = tx.select({ id: tags.id }).from(tags).where(and(eq(tags.groupId, groupId), ne(tags.id, keep)))
  const removed = await tx.delete(table).where(and(eq(owner, ownerId), inArray(table.tagId, mates))).returning({ tagId: table.tagId })
  if (removed.length === 0) return []
  return tx.select({ tagId: tags.id, name: tags.name }).from(tags).where(inArray(tags.id, removed.map((r) => r.tagId)))
}

/**
 * Adds or removes one tag link. Both are idempotent: adding a present tag or removing an absent one
 * changes nothing and writes no system line. Returns the system message when one was written, and the
 * owner the change landed on (a client merged into another while the change waited: that other one).
 */
export async function changeTag(db: Db, change: TagChange) {
  return db.transaction(async (trx) => {
    const tx = trx as unknown as Db
    const tag = await findTagRow(tx, change.companyId, change.kind, change.tagId)
    const c = change.kind === 'client' ? { ...change, ownerId: await lockClientForWrite(tx, change.companyId, change.ownerId) } : change
    const { table, owner } = linkOf[c.kind]
    const link = and(eq(owner, c.ownerId), eq(table.tagId, c.tagId))
    let changed: boolean
    // A tag of a single-choice group takes the group's other tags off, in the same step of the history.
    let replaced: { tagId: string; name: string }[] = []
    if (c.op === 'remove') {
      changed = (await tx.delete(table).where(link).returning({ tagId: table.tagId })).length > 0
    } else if (tag.archivedAt) {
      // Already there is fine (a repeated PUT); putting it anywhere new is not.
      if ((await tx.select({ tagId: table.tagId }).from(table).where(link)).length === 0) {
        throw conflict(`Тег «${tag.name}» в архиве: добавить его нельзя. Восстановите его в каталоге.`,
          [{ path: 'params.tagId', message: 'тег в архиве' }])
      }
      changed = false
    } else {
      const values = { tagId: c.tagId, addedBy: c.userId }
      const inserted = c.kind === 'client'
        ? await tx.insert(clientTags).values({ ...values, clientId: c.ownerId }).onConflictDoNothing().returning({ tagId: clientTags.tagId })
        : await tx.insert(sessionTags).values({ ...values, sessionId: c.ownerId }).onConflictDoNothing().returning({ tagId: sessionTags.tagId })
      changed = inserted.length > 0
      if (changed && tag.groupId) replaced = await takeOffGroupmates(tx, c.kind, c.ownerId, tag.groupId, c.tagId)
    }
    if (changed && c.kind === 'client') {
      // A client tag is part of the card: its history and the card's updatedAt move with it.
      const step = { companyId: c.companyId, clientId: c.ownerId, changedAt: new Date(), changedBy: c.userId, source: c.source ?? 'api' }
      await tx.insert(clientTagHistory).values([
        ...replaced.map((r) => ({ ...step, tagId: r.tagId, action: 'removed' as const })),
        { ...step, tagId: c.tagId, action: c.op === 'add' ? 'added' as const : 'removed' as const },
      ])
      await touchClient(tx, c.ownerId)
    }
    if (!changed || !c.lineSessionId) return { changed, message: null, ownerId: c.ownerId }
    const user = await getUser(tx, c.companyId, c.userId)
    const verb = c.op === 'add' ? 'добавил' : 'убрал'
    // "тег клиента" tells the reader the tag follows the client into every dialogue.
    const what = c.kind === 'client' ? 'тег клиента' : 'тег'
    const instead = replaced.length ? ` вместо ${replaced.map((r) => `«${r.name}»`).join(', ')}` : ''
    const { message } = await postMessage(tx, c.companyId, c.lineSessionId, { authorType: 'system', body: `${user.name} ${verb} ${what} «${tag.name}»${instead}` })
    return { changed, message, ownerId: c.ownerId }
  })
}
