import { and, asc, count, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import { NOT_COUNTED, type Role } from '@shared/common'
import { REQUIRED_MISSING, type MissingRequired, type Session, type SessionListQuery } from '@shared/sessions'
import type { TagRef } from '@shared/tags'
import type { Db } from '../../db/client'
import {
  attributes, attributeValues, chats, clients, messages, sessionOperators, sessions, sessionTags, tagGroups, tags, users,
} from '../../db/schema'
import { asArray, ilikeAny, iso, isoOrNull, likePattern } from '../../db/sql-helpers'
import { conflict, notFound } from '../../errors'
import { sortOrder } from '../list-sort'
import { attributeMatch, resolveAttributeFilters } from '../clients/directory-query'
import { phoneDigitsMatch } from '../clients/phone-search'
import { rowsOf } from '../clients/raw'
import { visibleTo } from '../attributes/access'
import { carriesAllClientTags, tagsJson } from '../tags/links'

// Tags, added operators and the last message come folded into each row as JSON, so a page of dialogues is
// one query, and the driver hands over one value for each instead of a column apiece.
const lastMessageJson = sql<LastMessageRow | null>`(SELECT json_build_object('id', m.id, 'authorId', m.author_id,
  'authorType', m.author_type, 'authorName', m.author_name, 'type', m.type, 'body', m.body, 'attachments', m.attachments,
  'createdAt', m.created_at, 'readAt', m.read_at) FROM ${messages} m WHERE m.id = ${sessions.lastMessageId})`
type LastMessageRow = Pick<typeof messages.$inferSelect, 'id' | 'authorId' | 'authorType' | 'authorName' | 'type' | 'body' | 'attachments'>
  & { createdAt: string; readAt: string | null }

const sessionColumns = {
  session: {
    id: sessions.id, chatId: sessions.chatId, name: sessions.name, status: sessions.status, channel: sessions.channel,
    messengerType: sessions.messengerType, markedAsSpam: sessions.markedAsSpam, clientId: sessions.clientId,
    lastClientMessageAt: sessions.lastClientMessageAt, operatorId: sessions.operatorId, operatorAssignedAt: sessions.operatorAssignedAt,
    startedAt: sessions.startedAt, closedAt: sessions.closedAt, lastMessageAt: sessions.lastMessageAt,
    lastOperatorMessage: sessions.lastOperatorMessage, firstClientMessageAfterOperator: sessions.firstClientMessageAfterOperator,
    unreadClientCount: sessions.unreadClientCount,
  },
  client: { id: clients.id, externalId: clients.externalId, name: clients.name, phone: clients.phone, email: clients.email },
  operatorName: users.name,
  chat: { timerFirstAnswer: chats.timerFirstAnswer, timerNextAnswers: chats.timerNextAnswers },
  last: lastMessageJson,
  sessionTags: tagsJson('session', sessions),
  clientTags: tagsJson('client', clients),
  operatorIds: sql<string[]>`(SELECT coalesce(json_agg(${sessionOperators.userId} ORDER BY ${sessionOperators.addedAt}), '[]')
    FROM ${sessionOperators} WHERE ${sessionOperators.sessionId} = ${sessions.id})`,
}

type SessionRow = {
  session: Pick<typeof sessions.$inferSelect, keyof typeof sessionColumns.session>
  client: Omit<Session['client'], 'tags'>
  operatorName: string | null
  chat: { timerFirstAnswer: number; timerNextAnswers: number } | null
  last: LastMessageRow | null
  sessionTags: TagRef[]
  clientTags: TagRef[]
  operatorIds: string[]
}

/** `counted`: each row also carries how many rows the whole list has (a window count over the filter). */
const selectSessions = (db: Db, counted = false) =>
  db.select({ ...sessionColumns, total: (counted ? sql`count(*) OVER ()` : sql`0`).mapWith(Number) }).from(sessions)
    .innerJoin(clients, eq(clients.id, sessions.clientId))
    .leftJoin(users, eq(users.id, sessions.operatorId))
    .leftJoin(chats, eq(chats.id, sessions.chatId))

const toLastMessage = (m: LastMessageRow): NonNullable<Session['lastMessage']> => ({
  id: m.id,
  authorId: m.authorId,
  authorType: m.authorType,
  authorName: m.authorName,
  type: m.type,
  body: m.body,
  attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType ?? null, size: a.size ?? null, url: a.url })),
  createdAt: iso(m.createdAt),
  readAt: isoOrNull(m.readAt),
})

function toSessions(rows: SessionRow[]): Session[] {
  return rows.map(({ session: s, client, operatorName, chat, last, sessionTags: sessionTagRefs, clientTags: clientTagRefs, operatorIds }) => {
    return {
      id: s.id,
      chatId: s.chatId,
      name: s.name,
      status: s.status,
      channel: s.channel,
      messengerType: s.messengerType,
      markedAsSpam: s.markedAsSpam,
      clientId: s.clientId,
      client: { ...client, tags: clientTagRefs },
      clientBanned: false,
      clientOnlineAt: isoOrNull(s.lastClientMessageAt),
      operatorId: s.operatorId,
      operatorName,
      operatorAssignedAt: isoOrNull(s.operatorAssignedAt),
      operatorIds,
      startedAt: iso(s.startedAt),
      closedAt: isoOrNull(s.closedAt),
      lastMessage: last ? toLastMessage(last) : null,
      lastMessageCreatedAt: isoOrNull(s.lastMessageAt),
      lastOperatorMessage: s.lastOperatorMessage,
      firstClientMessageAfterLastOperatorMessage: s.firstClientMessageAfterOperator,
      unreadClientMessageCount: s.unreadClientCount,
      tags: sessionTagRefs.length ? sessionTagRefs.map((t) => t.name).join(', ') : null,
      tagIds: sessionTagRefs.map((t) => t.id),
      timerFirstAnswer: chat?.timerFirstAnswer ?? null,
      timerNextAnswers: chat?.timerNextAnswers ?? null,
    }
  })
}

/** The documented `sort` fields of the dialogue list (TWIN SessionInfo names). */
const sortable = {
  startedAt: sessions.startedAt,
  lastMessageCreatedAt: sessions.lastMessageAt,
  operatorAssignedAt: sessions.operatorAssignedAt,
  name: sessions.name,
  status: sessions.status,
  unreadClientMessageCount: sessions.unreadClientCount,
}

/** `tags=` names or ids of session tags: each must be on the dialogue; one that is no tag finds nothing. */
function carriesAllSessionTags(companyId: string, list: string[]): SQL | undefined {
  if (list.length === 0) return undefined
  return and(...list.map((idOrName) => sql`EXISTS (SELECT 1 FROM ${sessionTags} JOIN ${tags} ON ${tags.id} = ${sessionTags.tagId}
    WHERE ${sessionTags.sessionId} = ${sessions.id} AND ${tags.companyId} = ${companyId} AND ${tags.kind} = 'session'
    AND (${tags.id}::text = ${idOrName} OR lower(${tags.name}) = lower(${idOrName})))`))
}

/** The list's page query and its filter, exported so the benchmark runs exactly the SQL the route runs. */
export function sessionListQuery(db: Db, companyId: string, q: SessionListQuery) {
  const tagIds = asArray(q.tagId)
  const clientTagIds = asArray(q.clientTagId)
  const where = and(
    eq(sessions.companyId, companyId),
    q.status ? eq(sessions.status, q.status) : undefined,
    q.operatorId
      ? or(eq(sessions.operatorId, q.operatorId), sql`EXISTS (SELECT 1 FROM ${sessionOperators}
          WHERE ${sessionOperators.sessionId} = ${sessions.id} AND ${sessionOperators.userId} = ${q.operatorId})`)
      : undefined,
    q.clientId ? eq(sessions.clientId, q.clientId) : undefined,
    q.sessionId ? eq(sessions.id, q.sessionId) : undefined,
    q.chatId ? eq(sessions.chatId, q.chatId) : undefined,
    q.name ? ilike(sessions.name, likePattern(q.name)) : undefined,
    // Spam leaves the working list; `markedAsSpam=true` is the "Спам" folder.
    eq(sessions.markedAsSpam, q.markedAsSpam ?? false),
    // Nobody is banned here: asking for banned clients' dialogues finds none.
    q.clientBanned ? sql`false` : undefined,
    q.from ? gte(sessions.lastMessageAt, new Date(q.from)) : undefined,
    q.to ? lte(sessions.startedAt, new Date(q.to)) : undefined,
    tagIds.length
      ? sql`${sessions.id} IN (SELECT ${sessionTags.sessionId} FROM ${sessionTags} WHERE ${inArray(sessionTags.tagId, tagIds)}
          GROUP BY ${sessionTags.sessionId} HAVING count(*) = ${tagIds.length})`
      : undefined,
    carriesAllSessionTags(companyId, (q.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean)),
    clientTagIds.length ? carriesAllClientTags(sessions.clientId, clientTagIds) : undefined,
    ...q.attributeFilters.map((f) => attributeMatch(companyId, f)),
    q.keyword
      ? sql`(${or(ilikeAny([clients.name, clients.phone, clients.email], q.keyword), phoneDigitsMatch(clients.phoneDigits, q.keyword))} OR EXISTS (
          SELECT 1 FROM ${messages} WHERE ${messages.sessionId} = ${sessions.id} AND ${messages.body} ILIKE ${likePattern(q.keyword)}))`
      : undefined,
  )
  const order = sortOrder(q.sort, sortable) ?? [asc(sessions.status), sql`${sessions.lastMessageAt} DESC NULLS LAST`]
  // The total rides along as a window count; only a page past the end needs a count of its own.
  return { where, page: selectSessions(db, !q.withoutCount).where(where).orderBy(...order, sessions.id).limit(q.limit).offset(q.offset) }
}

/** Dialogues; `attr.<id>…` filters (the client's parameters) are checked against the catalog the role sees. */
export async function listSessions(db: Db, companyId: string, role: Role, q: SessionListQuery) {
  const attributeFilters = await resolveAttributeFilters(db, companyId, role, q.attributeFilters)
  const { where, page } = sessionListQuery(db, companyId, { ...q, attributeFilters })
  const rows = await page
  const total = q.withoutCount ? NOT_COUNTED : rows[0] ? rows[0].total
    : (await db.select({ n: count() }).from(sessions).innerJoin(clients, eq(clients.id, sessions.clientId)).where(where))[0]!.n
  return { count: total, items: toSessions(rows) }
}

export async function getSession(db: Db, companyId: string, sessionId: string) {
  const rows = await selectSessions(db).where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
  if (!rows[0]) throw notFound('Диалог не найден')
  return toSessions(rows)[0]!
}

/** The dialogue's row alone, within the company: 404 otherwise. */
export async function findSessionRow(db: Db, companyId: string, sessionId: string) {
  const [row] = await db.select().from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
  if (!row) throw notFound('Диалог не найден')
  return row
}

async function findOperator(db: Db, companyId: string, operatorId: string) {
  const [operator] = await db.select({ id: users.id, name: users.name }).from(users)
    .where(and(eq(users.id, operatorId), eq(users.companyId, companyId)))
  if (!operator) throw notFound('Оператор не найден')
  return operator
}

export async function setSessionOperator(db: Db, companyId: string, sessionId: string, operatorId: string) {
  const operator = await findOperator(db, companyId, operatorId)
  const [row] = await db.update(sessions).set({ operatorId, operatorAssignedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId))).returning({ id: sessions.id })
  if (!row) throw notFound('Диалог не найден')
  return operator
}

/** A second operator joins the dialogue (or leaves it); returns them and whether anything changed. */
export async function changeSessionOperators(db: Db, companyId: string, sessionId: string, operatorId: string, op: 'add' | 'remove') {
  await findSessionRow(db, companyId, sessionId)
  const operator = await findOperator(db, companyId, operatorId)
  const changed = op === 'add'
    ? await db.insert(sessionOperators).values({ sessionId, userId: operatorId, companyId }).onConflictDoNothing().returning()
    : await db.delete(sessionOperators)
      .where(and(eq(sessionOperators.sessionId, sessionId), eq(sessionOperators.userId, operatorId))).returning()
  return { operator, changed: changed.length > 0 }
}

export async function updateSession(db: Db, companyId: string, sessionId: string, patch: { name?: string; markedAsSpam?: boolean }) {
  const [row] = await db.update(sessions).set(patch)
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId))).returning({ id: sessions.id, clientId: sessions.clientId })
  if (!row) throw notFound('Диалог не найден')
  return row
}

/**
 * Closes the dialogue unless a parameter required to close it (in any chat, or in this dialogue's chat, and
 * seen by the closer's role) is empty on the client, or a required session tag group has no tag on it; `force` closes it all the same. One statement: the check and the close see the same
 * values. Returns whether it closed and what was missing.
 */
export async function closeSession(db: Db, companyId: string, role: Role, sessionId: string, force = false) {
  const [row] = await rowsOf<{ session: string | null; closed: string | null; missing: MissingRequired[] }>(db, sql`
    WITH s AS (SELECT id, client_id, chat_id FROM ${sessions} WHERE id = ${sessionId} AND company_id = ${companyId}),
    missing AS (SELECT a.id, a.name, a.position FROM ${attributes} a, s
      WHERE a.company_id = ${companyId} AND a.archived_at IS NULL AND a.required_to_close AND ${visibleTo(role)}
        AND (cardinality(a.required_chat_ids) = 0 OR s.chat_id = ANY(a.required_chat_ids))
        AND NOT EXISTS (SELECT 1 FROM ${attributeValues} v WHERE v.client_id = s.client_id AND v.attribute_id = a.id AND v.value IS NOT NULL)),
    groups AS (SELECT g.id, g.name FROM ${tagGroups} g, s
      WHERE g.company_id = ${companyId} AND g.kind = 'session' AND g.required_to_close
        AND NOT EXISTS (SELECT 1 FROM ${sessionTags} st JOIN ${tags} t ON t.id = st.tag_id WHERE st.session_id = s.id AND t.group_id = g.id)),
    closed AS (UPDATE ${sessions} SET status = 'closed', closed_at = coalesce(closed_at, now())
      WHERE id = (SELECT id FROM s) AND (${force} OR (NOT EXISTS (SELECT 1 FROM missing) AND NOT EXISTS (SELECT 1 FROM groups))) RETURNING id)
    SELECT (SELECT id FROM s) AS session, (SELECT id FROM closed) AS closed,
      coalesce((SELECT json_agg(json_build_object('attributeId', id, 'name', name, 'path', 'attributes.' || id,
        'message', '«' || name || '» не заполнен') ORDER BY position) FROM missing), '[]')::jsonb
      || coalesce((SELECT json_agg(json_build_object('tagGroupId', id, 'name', name, 'path', 'tagGroups.' || id,
        'message', 'Нужен тег из группы «' || name || '»') ORDER BY lower(name)) FROM groups), '[]')::jsonb AS missing`)
  if (!row?.session) throw notFound('Диалог не найден')
  if (!row.closed) throw conflict(REQUIRED_MISSING, row.missing)
  return row.missing
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
