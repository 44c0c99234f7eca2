import { randomUUID } from 'node:crypto'
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { NOT_COUNTED } from '@shared/common'
import type { AuthorType, Message, MessageAttachment, MessageListQuery } from '@shared/messages'
import type { Db } from '../../db/client'
import { clients, messages, sessions } from '../../db/schema'
import { iso, isoOrNull } from '../../db/sql-helpers'
import { badRequest, conflict, notFound } from '../../http/errors'
import { sortOrder } from '../../db/list-sort'
import { findSessionRow } from './repo'
import { suggestFromMessage } from '../suggestions'
import { enqueueDialogueEvent } from '../webhooks'

type MessageRow = typeof messages.$inferSelect

const replied = alias(messages, 'replied')

const toMessage = (m: MessageRow, reply: MessageRow | null): Message => ({
  id: m.id,
  sessionId: m.sessionId,
  authorId: m.authorId,
  authorType: m.authorType,
  authorName: m.authorName,
  type: m.type,
  body: m.body,
  attachments: m.attachments.map((a) => ({ ...a, contentType: a.contentType ?? null, size: a.size ?? null })),
  replyTo: reply && {
    id: reply.id,
    authorType: reply.authorType,
    authorName: reply.authorName,
    body: reply.body,
    createdAt: iso(reply.createdAt),
  },
  createdAt: iso(m.createdAt),
  readAt: isoOrNull(m.readAt),
})

const selectMessages = (db: Db) =>
  db.select({ m: messages, reply: replied }).from(messages).leftJoin(replied, eq(replied.id, messages.replyToMessageId))

/**
 * A page of messages, returned oldest first. By default the newest `limit` after skipping `offset`
 * newer ones (a thread scrolls back from its end); `sort=createdAt` pages from the first message.
 */
async function pageOfMessages(db: Db, scope: SQL | undefined, q: MessageListQuery) {
  const where = and(
    scope,
    q.from ? gte(messages.createdAt, new Date(q.from)) : undefined,
    q.to ? lte(messages.createdAt, new Date(q.to)) : undefined,
  )
  // The only sort field is createdAt: `sortOrder` checks the name, the direction picks the order.
  const sorted = sortOrder(q.sort, { createdAt: messages.createdAt }) !== null
  const ascending = sorted && !q.sort!.trim().startsWith('-')
  const rows = await selectMessages(db)
    .where(where)
    .orderBy(
      ...(ascending ? [asc(messages.createdAt), asc(messages.id)] : [desc(messages.createdAt), desc(messages.id)]),
    )
    .limit(q.limit)
    .offset(q.offset)
  const total = q.withoutCount ? NOT_COUNTED : (await db.select({ n: count() }).from(messages).where(where))[0]!.n
  const items = rows.map((r) => toMessage(r.m, r.reply))
  return { count: total, items: sorted ? items : items.reverse() }
}

export async function listSessionMessages(db: Db, companyId: string, sessionId: string, q: MessageListQuery) {
  await findSessionRow(db, companyId, sessionId)
  return pageOfMessages(db, eq(messages.sessionId, sessionId), q)
}

/** Every message of the client's dialogues; `clientId` is already resolved within the company. */
export async function listClientMessages(db: Db, companyId: string, clientId: string, q: MessageListQuery) {
  return pageOfMessages(
    db,
    and(
      eq(messages.companyId, companyId),
      sql`${messages.sessionId} IN (SELECT ${sessions.id} FROM ${sessions} WHERE ${sessions.clientId} = ${clientId})`,
    ),
    q,
  )
}

export async function getMessagesOf(db: Db, companyId: string, ids: string[]) {
  const rows = await selectMessages(db).where(and(eq(messages.companyId, companyId), inArray(messages.id, ids)))
  return rows.map((r) => toMessage(r.m, r.reply))
}

interface NewMessage {
  authorType: AuthorType
  authorId?: string | null
  authorName?: string | null
  body: string
  attachments?: MessageAttachment[]
  replyToMessageId?: string | null
}

/** What the dialogue list shows of a message without text. */
const previewOf = (m: NewMessage) => m.body || (m.attachments ?? []).map((a) => a.name).join(', ')

/**
 * Adds a message and moves the dialogue along: a client's message reopens a closed dialogue and counts
 * as unread, and is read for suggestions (`suggested`: how many new ones); an operator's reply takes an
 * unassigned dialogue; nobody replies into a closed one. The checks are read first; then the message, the
 * dialogue and the client's last activity are written in one statement, in a short transaction with the
 * events they give (modules/webhooks): all or nothing.
 */
export async function postMessage(db: Db, companyId: string, sessionId: string, m: NewMessage) {
  const { message, clientId } = await writeMessage(db, companyId, sessionId, m)
  const suggested =
    m.authorType === 'client'
      ? await suggestFromMessage({ db, companyId, clientId, sessionId, messageId: message.id, body: m.body })
      : 0
  return { message, clientId, suggested }
}

async function writeMessage(db: Db, companyId: string, sessionId: string, m: NewMessage) {
  const session = await findSessionRow(db, companyId, sessionId)
  if (m.authorType === 'operator' && session.status === 'closed') {
    throw conflict('Диалог закрыт: ответить в него нельзя')
  }
  const reply = m.replyToMessageId ? await findMessageRow(db, companyId, m.replyToMessageId) : null
  if (reply && reply.sessionId !== sessionId) throw badRequest('body.replyToMessageId', 'Сообщение из другого диалога')
  const id = randomUUID()
  const now = new Date()
  const fromClient = m.authorType === 'client'
  // A client's message carries the client's name, as the first one of a dialogue does (startSession).
  const authorName =
    fromClient && m.authorName == null
      ? sql`(SELECT ${clients.name} FROM ${clients} WHERE ${clients.id} = ${session.clientId})`
      : m.authorName
  const inserted = db.$with('inserted').as(
    db
      .insert(messages)
      .values({ id, companyId, sessionId, ...m, authorName, createdAt: now })
      .returning(),
  )
  // System lines (closed, transferred, tag added) do not count as activity: the dialogue keeps its
  // place in the list and its preview shows what the client or operator last said.
  const activity =
    m.authorType === 'system'
      ? []
      : [
          db.$with('dialogue').as(
            db
              .update(sessions)
              .set({
                lastMessage: previewOf(m),
                lastMessageId: id,
                lastMessageAt: now,
                ...(fromClient && {
                  unreadClientCount: sql`${sessions.unreadClientCount} + 1`,
                  lastClientMessageAt: now,
                  firstClientMessageAfterOperator: sql`coalesce(${sessions.firstClientMessageAfterOperator}, ${previewOf(m)})`,
                  status: 'open' as const,
                  closedAt: null,
                }),
                ...(m.authorType === 'operator' && {
                  lastOperatorMessage: previewOf(m),
                  firstClientMessageAfterOperator: null,
                  operatorId: sql`coalesce(${sessions.operatorId}, ${m.authorId}::uuid)`,
                  operatorAssignedAt: sql`CASE WHEN ${sessions.operatorId} IS NULL THEN ${now} ELSE ${sessions.operatorAssignedAt} END`,
                }),
              })
              .where(eq(sessions.id, sessionId))
              .returning({ id: sessions.id }),
          ),
          ...(fromClient
            ? [
                db
                  .$with('client')
                  .as(
                    db
                      .update(clients)
                      .set({ lastSessionAt: now })
                      .where(eq(clients.id, session.clientId))
                      .returning({ id: clients.id }),
                  ),
              ]
            : []),
        ]
  const toClient = m.authorType === 'operator' || m.authorType === 'bot'
  const message = await db.transaction(async (t) => {
    const tx = t as unknown as Db
    const [row] = await tx
      .with(inserted, ...activity)
      .select()
      .from(inserted)
    const written = toMessage(row!, reply)
    if (m.authorType === 'operator' && !session.operatorId && m.authorId) {
      const data = { sessionId, operatorId: m.authorId, operatorName: m.authorName ?? null, addedAt: written.createdAt }
      await enqueueDialogueEvent(tx, { companyId, event: 'chatSessionAdded', sessionId, data })
    }
    const { readAt: _unread, ...data } = written
    await enqueueDialogueEvent(tx, { companyId, event: 'chatMessageCreated', sessionId, data, toClient })
    return written
  })
  return { message, clientId: session.clientId }
}

async function findMessageRow(db: Db, companyId: string, messageId: string) {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.companyId, companyId)))
  if (!row) throw notFound('Сообщение не найдено')
  return row
}

/** TWIN `PATCH /messages/{messageId}/read`; reading the client's last unread message clears the counter. */
export async function markMessageRead(db: Db, companyId: string, messageId: string) {
  return db.transaction(async (tx) => {
    const message = await findMessageRow(tx as unknown as Db, companyId, messageId)
    const [read] = await tx
      .update(messages)
      .set({ readAt: sql`now()` })
      .where(and(eq(messages.id, messageId), sql`${messages.readAt} IS NULL`))
      .returning({ readAt: messages.readAt })
    if (read) {
      const data = { sessionId: message.sessionId, messageIds: [messageId], readAt: iso(read.readAt!) }
      await enqueueDialogueEvent(tx, { companyId, event: 'chatMessageRead', sessionId: message.sessionId, data })
    }
    if (message.authorType === 'client') {
      const [{ n }] = (await tx
        .select({ n: count() })
        .from(messages)
        .where(
          and(
            eq(messages.sessionId, message.sessionId),
            eq(messages.authorType, 'client'),
            sql`${messages.readAt} IS NULL`,
          ),
        )) as [{ n: number }]
      await tx.update(sessions).set({ unreadClientCount: n }).where(eq(sessions.id, message.sessionId))
    }
    return message
  })
}
