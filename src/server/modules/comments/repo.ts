import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { COMMENT_EDIT_MINUTES, type Comment } from '@shared/comments'
import type { ListQuery } from '@shared/common'
import { NOT_COUNTED } from '@shared/common'
import type { Actor } from '../../http/actor'
import type { Db } from '../../db/client'
import { commentRevisions, comments, users } from '../../db/schema'
import { iso, isoOrNull } from '../../db/sql-helpers'
import { HttpError, notFound } from '../../http/errors'
import { enqueueEvent } from '../webhooks'
import { assertCardOpen, lockClientForWrite } from '../cards'

type Row = typeof comments.$inferSelect

const toComment = (r: Row, author: { id: string; name: string } | null): Comment => ({
  id: r.id,
  clientId: r.clientId,
  sessionId: r.sessionId,
  body: r.body,
  author,
  createdAt: iso(r.createdAt),
  updatedAt: isoOrNull(r.updatedAt),
})

async function page(db: Db, where: SQL, q: ListQuery) {
  const live = and(where, isNull(comments.deletedAt))
  const rows = await db
    .select({ c: comments, author: { id: users.id, name: users.name } })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(live)
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(q.limit)
    .offset(q.offset)
  const total = q.withoutCount ? NOT_COUNTED : (await db.select({ n: count() }).from(comments).where(live))[0]!.n
  return { count: total, items: rows.map((r) => toComment(r.c, r.author)) }
}

/** The client's own notes (not those of its dialogues), newest first. */
export const listClientComments = (db: Db, companyId: string, clientId: string, q: ListQuery) =>
  page(db, and(eq(comments.companyId, companyId), eq(comments.clientId, clientId), isNull(comments.sessionId))!, q)

/** One dialogue's notes, newest first. */
export const listSessionComments = (db: Db, companyId: string, sessionId: string, q: ListQuery) =>
  page(db, and(eq(comments.companyId, companyId), eq(comments.sessionId, sessionId))!, q)

export async function addComment(
  db: Db,
  actor: Actor,
  target: { clientId: string; sessionId: string | null },
  body: string,
) {
  return db.transaction(async (tx) => {
    // A card blocked or destroyed takes no notes; an erasure waits for this one, or this one for it.
    await lockClientForWrite(tx as unknown as Db, actor.companyId, target.clientId)
    const [row] = await tx
      .insert(comments)
      .values({ companyId: actor.companyId, ...target, authorId: actor.userId, body })
      .returning()
    const [author] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, actor.userId))
    const comment = toComment(row!, author ?? null)
    await enqueueEvent(tx, {
      companyId: actor.companyId,
      event: 'comment.created',
      clientId: target.clientId,
      data: comment,
    })
    return comment
  })
}

const refuse = (message: string) => new HttpError(403, message, [{ path: 'params.commentId', message }])

/**
 * The note, locked, if the caller may change it: its author within COMMENT_EDIT_MINUTES; for a deletion also a
 * supervisor or admin at any time. Anyone else gets a 403 that says why.
 */
async function changeable(db: Db, actor: Actor, commentId: string, deleting: boolean) {
  const [row] = await db
    .select()
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.companyId, actor.companyId), isNull(comments.deletedAt)))
    .for('update')
  if (!row) throw notFound('Заметка не найдена')
  await assertCardOpen(db, actor.companyId, row.clientId)
  if (deleting && actor.role !== 'operator') return row
  if (row.authorId !== actor.userId)
    throw refuse(
      deleting
        ? 'Удалить чужую заметку могут руководитель и администратор'
        : 'Это заметка другого сотрудника: изменить её может только автор',
    )
  if (Date.now() - row.createdAt.getTime() > COMMENT_EDIT_MINUTES * 60_000) {
    throw refuse(
      `Заметку можно ${deleting ? 'удалить' : 'изменить'} в течение ${COMMENT_EDIT_MINUTES} минут после того, как её оставили`,
    )
  }
  return row
}

/** Edits a note; what it said before is kept. */
export async function editComment(db: Db, actor: Actor, commentId: string, body: string) {
  const row = await db.transaction(async (tx) => {
    const before = await changeable(tx as unknown as Db, actor, commentId, false)
    await tx.insert(commentRevisions).values({ commentId, body: before.body, changedBy: actor.userId })
    const [after] = await tx
      .update(comments)
      .set({ body, updatedAt: sql`now()` })
      .where(eq(comments.id, commentId))
      .returning()
    return after!
  })
  const [author] = row.authorId
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.authorId))
    : []
  return toComment(row, author ?? null)
}

/** Hides a note; it stays, with what it said, who deleted it and when. */
export async function deleteComment(db: Db, actor: Actor, commentId: string) {
  return db.transaction(async (tx) => {
    const row = await changeable(tx as unknown as Db, actor, commentId, true)
    await tx.insert(commentRevisions).values({ commentId, body: row.body, changedBy: actor.userId })
    await tx
      .update(comments)
      .set({ deletedAt: sql`now()`, deletedBy: actor.userId })
      .where(eq(comments.id, commentId))
    return { clientId: row.clientId, sessionId: row.sessionId }
  })
}
