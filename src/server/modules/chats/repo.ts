import { and, count, eq, gte, ilike, isNull, lte, or, sql } from 'drizzle-orm'
import type { Chat, ChatInput, ChatListQuery, ChatPatch } from '@shared/chats'
import { NOT_COUNTED } from '@shared/common'
import type { Db } from '../../db/client'
import { chats } from '../../db/schema'
import { iso, isoOrNull, likePattern } from '../../db/sql-helpers'
import { notFound } from '../../http/errors'
import { sortOrder } from '../../db/list-sort'

type ChatRow = typeof chats.$inferSelect

const toChat = (c: ChatRow): Chat => ({
  id: c.id,
  name: c.name,
  messengers: c.messengers,
  sessionTtl: c.sessionTtl,
  operatorsBusyMessage: c.operatorsBusyMessage ?? '',
  eventCallbackUrl: c.eventCallbackUrl,
  eventCallbackData: c.eventCallbackData,
  notifyOnEvents: c.notifyOnEvents ?? [],
  timerFirstAnswer: c.timerFirstAnswer,
  timerNextAnswers: c.timerNextAnswers,
  archivedAt: isoOrNull(c.archivedAt),
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
})

const sortable = { name: chats.name, createdAt: chats.createdAt, updatedAt: chats.updatedAt }

export async function listChats(db: Db, companyId: string, q: ChatListQuery) {
  const where = and(
    eq(chats.companyId, companyId),
    q.includeArchived ? undefined : isNull(chats.archivedAt),
    q.keyword
      ? or(ilike(chats.name, likePattern(q.keyword)), sql`${chats.messengers}::text ILIKE ${likePattern(q.keyword)}`)
      : undefined,
    q.name ? ilike(chats.name, likePattern(q.name)) : undefined,
    q.from ? gte(chats.createdAt, new Date(q.from)) : undefined,
    q.to ? lte(chats.createdAt, new Date(q.to)) : undefined,
  )
  const rows = await db
    .select()
    .from(chats)
    .where(where)
    .orderBy(...(sortOrder(q.sort, sortable) ?? [chats.name]), chats.id)
    .limit(q.limit)
    .offset(q.offset)
  const total = q.withoutCount ? NOT_COUNTED : (await db.select({ n: count() }).from(chats).where(where))[0]!.n
  return { count: total, items: rows.map(toChat) }
}

export async function getChat(db: Db, companyId: string, chatId: string) {
  const [row] = await db
    .select()
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.companyId, companyId)))
  if (!row) throw notFound('Чат не найден')
  return toChat(row)
}

/** The fields kept here; TWIN's bot settings are accepted by the schema and dropped. */
const stored = (input: ChatPatch) => ({
  ...(input.name !== undefined && { name: input.name }),
  ...(input.messengers !== undefined && { messengers: input.messengers ?? [] }),
  ...(input.sessionTtl !== undefined && { sessionTtl: input.sessionTtl ?? 0 }),
  ...(input.operatorsBusyMessage !== undefined && { operatorsBusyMessage: input.operatorsBusyMessage || null }),
  ...(input.eventCallbackUrl !== undefined && { eventCallbackUrl: input.eventCallbackUrl || null }),
  ...(input.eventCallbackData !== undefined && { eventCallbackData: input.eventCallbackData || null }),
  ...(input.notifyOnEvents !== undefined && { notifyOnEvents: input.notifyOnEvents }),
  ...(input.timerFirstAnswer !== undefined && { timerFirstAnswer: input.timerFirstAnswer ?? 0 }),
  ...(input.timerNextAnswers !== undefined && { timerNextAnswers: input.timerNextAnswers ?? 0 }),
  ...(input.archived !== undefined && { archivedAt: input.archived ? new Date() : null }),
})

export async function createChat(db: Db, companyId: string, input: ChatInput) {
  const [row] = await db
    .insert(chats)
    .values({ companyId, ...stored(input), name: input.name })
    .returning()
  return toChat(row!)
}

export async function updateChat(db: Db, companyId: string, chatId: string, patch: ChatPatch) {
  const [row] = await db
    .update(chats)
    .set({ ...stored(patch), updatedAt: new Date() })
    .where(and(eq(chats.id, chatId), eq(chats.companyId, companyId)))
    .returning()
  if (!row) throw notFound('Чат не найден')
  return toChat(row)
}
