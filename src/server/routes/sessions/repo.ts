import { and, asc, count, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import type { Session, SessionListQuery, SessionStartInput } from '@shared/sessions'
import type { Db } from '../../db/client'
import { clients, messages, sessions, sessionTags, users } from '../../db/schema'
import { asArray, ilikeAny, iso, isoOrNull, likePattern } from '../../db/sql-helpers'
import { notFound } from '../../errors'
import { carriesAllClientTags, tagsOfClients, tagsOfSessions } from '../tags/links'

const sessionColumns = {
  session: sessions,
  client: { id: clients.id, externalId: clients.externalId, name: clients.name, phone: clients.phone, email: clients.email },
  operatorName: users.name,
}

type SessionRow = {
  session: typeof sessions.$inferSelect
  client: Omit<Session['client'], 'tags'>
  operatorName: string | null
}

const selectSessions = (db: Db) =>
  db.select(sessionColumns).from(sessions)
    .innerJoin(clients, eq(clients.id, sessions.clientId))
    .leftJoin(users, eq(users.id, sessions.operatorId))

async function toSessions(db: Db, rows: SessionRow[]): Promise<Session[]> {
  const [tags, clientTags] = await Promise.all([
    tagsOfSessions(db, rows.map((r) => r.session.id)),
    tagsOfClients(db, [...new Set(rows.map((r) => r.client.id))]),
  ])
  return rows.map(({ session: s, client, operatorName }) => ({
    id: s.id,
    name: s.name,
    status: s.status,
    channel: s.channel,
    clientId: s.clientId,
    client: { ...client, tags: clientTags.get(client.id) ?? [] },
    operatorId: s.operatorId,
    operatorName,
    startedAt: iso(s.startedAt),
    closedAt: isoOrNull(s.closedAt),
    lastMessage: s.lastMessage,
    lastMessageCreatedAt: isoOrNull(s.lastMessageAt),
    unreadClientMessageCount: s.unreadClientCount,
    tags: tags.get(s.id) ?? [],
  }))
}

export async function listSessions(db: Db, companyId: string, q: SessionListQuery) {
  const tagIds = asArray(q.tagId)
  const clientTagIds = asArray(q.clientTagId)
  const where = and(
    eq(sessions.companyId, companyId),
    q.status ? eq(sessions.status, q.status) : undefined,
    q.operatorId ? eq(sessions.operatorId, q.operatorId) : undefined,
    q.clientId ? eq(sessions.clientId, q.clientId) : undefined,
    q.from ? gte(sessions.lastMessageAt, new Date(q.from)) : undefined,
    q.to ? lte(sessions.startedAt, new Date(q.to)) : undefined,
    tagIds.length
      ? sql`${sessions.id} IN (SELECT ${sessionTags.sessionId} FROM ${sessionTags} WHERE ${inArray(sessionTags.tagId, tagIds)}
          GROUP BY ${sessionTags.sessionId} HAVING count(*) = ${tagIds.length})`
      : undefined,
    clientTagIds.length ? carriesAllClientTags(sessions.clientId, clientTagIds) : undefined,
    q.keyword
      ? sql`(${ilikeAny([clients.name, clients.phone, clients.email], q.keyword)} OR EXISTS (
          SELECT 1 FROM ${messages} WHERE ${messages.sessionId} = ${sessions.id} AND ${messages.body} ILIKE ${likePattern(q.keyword)}))`
      : undefined,
  )
  const rows = await selectSessions(db).where(where)
    .orderBy(asc(sessions.status), sql`${sessions.lastMessageAt} DESC NULLS LAST`, sessions.id)
    .limit(q.limit).offset(q.offset)
  const total = q.withoutCount ? null
    : (await db.select({ n: count() }).from(sessions).innerJoin(clients, eq(clients.id, sessions.clientId)).where(where))[0]!.n
  return { count: total, items: await toSessions(db, rows) }
}

export async function getSession(db: Db, companyId: string, sessionId: string) {
  const rows = await selectSessions(db).where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
  if (!rows[0]) throw notFound('Диалог не найден')
  return (await toSessions(db, rows))[0]!
}

/** A returning client (same externalId) is matched, not duplicated, so its saved card comes along. */
export async function startSession(db: Db, companyId: string, input: SessionStartInput) {
  return db.transaction(async (tx) => {
    const now = new Date()
    const { externalId, ...contact } = input.client
    const [client] = await tx.insert(clients)
      .values({ companyId, externalId, ...contact, lastSessionAt: now })
      .onConflictDoUpdate({
        target: [clients.companyId, clients.externalId],
        set: {
          lastSessionAt: now,
          updatedAt: now,
          // The saved card wins: what the channel sends only fills fields the card does not have yet,
          // so a name an operator corrected is not overwritten by the messenger's display name.
          name: sql`coalesce(${clients.name}, excluded.name)`,
          phone: sql`coalesce(${clients.phone}, excluded.phone)`,
          email: sql`coalesce(${clients.email}, excluded.email)`,
        },
      })
      .returning()
    const [session] = await tx.insert(sessions).values({
      companyId, clientId: client!.id, channel: input.channel, startedAt: now,
      lastMessage: input.message, lastMessageAt: now, unreadClientCount: 1,
    }).returning()
    const [message] = await tx.insert(messages).values({
      companyId, sessionId: session!.id, authorType: 'client', authorName: client!.name, body: input.message, createdAt: now,
    }).returning()
    return { sessionId: session!.id, clientId: client!.id, messageId: message!.id }
  })
}

export async function setSessionOperator(db: Db, companyId: string, sessionId: string, operatorId: string) {
  const [operator] = await db.select({ id: users.id, name: users.name }).from(users)
    .where(and(eq(users.id, operatorId), eq(users.companyId, companyId)))
  if (!operator) throw notFound('Оператор не найден')
  const [row] = await db.update(sessions).set({ operatorId })
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId))).returning({ id: sessions.id })
  if (!row) throw notFound('Диалог не найден')
  return operator
}

export async function closeSession(db: Db, companyId: string, sessionId: string) {
  const [row] = await db.update(sessions).set({ status: 'closed', closedAt: sql`coalesce(${sessions.closedAt}, now())` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId))).returning({ id: sessions.id })
  if (!row) throw notFound('Диалог не найден')
}

/** The operator has seen the dialogue: client messages are read, the unread counter is zero. */
export async function markSessionRead(db: Db, companyId: string, sessionId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.update(sessions).set({ unreadClientCount: 0 })
      .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId))).returning({ id: sessions.id })
    if (!row) throw notFound('Диалог не найден')
    await tx.update(messages).set({ readAt: new Date() })
      .where(and(eq(messages.sessionId, sessionId), eq(messages.authorType, 'client'), sql`${messages.readAt} IS NULL`))
  })
}
