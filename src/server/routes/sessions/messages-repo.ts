import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { AuthorType, Message } from '@shared/messages'
import type { Db } from '../../db/client'
import { clients, messages, sessions } from '../../db/schema'
import { iso, isoOrNull } from '../../db/sql-helpers'
import { conflict, notFound } from '../../errors'
import { findClientRow } from '../clients/repo'

type MessageRow = typeof messages.$inferSelect

const toMessage = (m: MessageRow): Message => ({
  id: m.id,
  sessionId: m.sessionId,
  authorId: m.authorId,
  authorType: m.authorType,
  authorName: m.authorName,
  type: m.type,
  body: m.body,
  createdAt: iso(m.createdAt),
  readAt: isoOrNull(m.readAt),
})

/** The newest `limit` messages after skipping `offset` newer ones, returned oldest first. */
async function pageOfMessages(db: Db, where: SQL | undefined, page: { limit: number; offset: number; withoutCount?: boolean }) {
  const rows = await db.select().from(messages).where(where)
    .orderBy(desc(messages.createdAt), desc(messages.id)).limit(page.limit).offset(page.offset)
  const total = page.withoutCount ? null : (await db.select({ n: count() }).from(messages).where(where))[0]!.n
  return { count: total, items: rows.reverse().map(toMessage) }
}

export async function listSessionMessages(db: Db, companyId: string, sessionId: string, page: { limit: number; offset: number }) {
  await requireSession(db, companyId, sessionId)
  return pageOfMessages(db, eq(messages.sessionId, sessionId), page)
}

export async function listClientMessages(db: Db, companyId: string, clientId: string, page: { limit: number; offset: number }) {
  await findClientRow(db, companyId, clientId)
  return pageOfMessages(db, and(eq(messages.companyId, companyId),
    sql`${messages.sessionId} IN (SELECT ${sessions.id} FROM ${sessions} WHERE ${sessions.clientId} = ${clientId})`), page)
}

async function requireSession(db: Db, companyId: string, sessionId: string) {
  const [session] = await db.select().from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
  if (!session) throw notFound('Диалог не найден')
  return session
}

interface NewMessage {
  authorType: AuthorType
  authorId?: string | null
  authorName?: string | null
  body: string
}

/**
 * Adds a message and moves the dialogue along: a client's message reopens a closed dialogue and counts
 * as unread; an operator's reply takes an unassigned dialogue; nobody replies into a closed one.
 */
export async function postMessage(db: Db, companyId: string, sessionId: string, m: NewMessage) {
  return db.transaction(async (tx) => {
    const session = await requireSession(tx as unknown as Db, companyId, sessionId)
    if (m.authorType === 'operator' && session.status === 'closed') {
      throw conflict('Диалог закрыт: ответить в него нельзя')
    }
    const now = new Date()
    // A client's message carries the client's name, as the first one of a dialogue does (startSession).
    const authorName = m.authorType === 'client' && m.authorName == null
      ? (await tx.select({ name: clients.name }).from(clients).where(eq(clients.id, session.clientId)))[0]?.name ?? null
      : m.authorName
    const [row] = await tx.insert(messages).values({ companyId, sessionId, ...m, authorName, createdAt: now }).returning()
    // System lines (closed, transferred, tag added) do not count as activity: the dialogue keeps its
    // place in the list and its preview shows what the client or operator last said.
    if (m.authorType === 'system') return { message: toMessage(row!), clientId: session.clientId }
    const reopen = m.authorType === 'client' && session.status === 'closed'
    await tx.update(sessions).set({
      lastMessage: m.body,
      lastMessageAt: now,
      ...(m.authorType === 'client' && { unreadClientCount: sql`${sessions.unreadClientCount} + 1` }),
      ...(reopen && { status: 'open' as const, closedAt: null }),
      ...(m.authorType === 'operator' && !session.operatorId && { operatorId: m.authorId }),
    }).where(eq(sessions.id, sessionId))
    if (m.authorType === 'client') {
      await tx.update(clients).set({ lastSessionAt: now }).where(eq(clients.id, session.clientId))
    }
    return { message: toMessage(row!), clientId: session.clientId }
  })
}
