import { and, asc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { NOT_COUNTED, type Role } from '@shared/common'
import { REQUIRED_MISSING, type MissingRequired, type Session, type SessionListQuery } from '@shared/sessions'
import type { Db, Tx } from '../../db/client'
import {
  attributes,
  attributeValues,
  chats,
  clients,
  messages,
  sessionOperators,
  sessions,
  sessionTags,
  tagGroups,
  tags,
  users,
} from '../../db/schema'
import { asArray, bare, ilikeAny, isoSql, likePattern } from '../../db/sql-helpers'
import { conflict, notFound } from '../../http/errors'
import { sortOrder } from '../../db/list-sort'
import { attributeMatch, phoneDigitsMatch, resolveAttributeFilters, type ResolvedFilter } from '../clients'
import { preparedRows, rowsOf } from '../../db/raw'
import { carriesAllClientTags, tagsJson, visibleTo } from '../cards'
import { dialogueOutboxSql, enqueueDialogueEvent } from '../webhooks'

const [o, m, l, t] = [alias(sessionOperators, 'o'), alias(messages, 'm'), alias(sessionTags, 'l'), alias(tags, 't')]
const [a, v, g] = [alias(attributes, 'a'), alias(attributeValues, 'v'), alias(tagGroups, 'g')]

/**
 * Dialogues as the API shows them (Session), written as JSON text by the database: `page` gives the ids (`id`)
 * in list order (`n`), `total` the list's count (an aggregate over the page, or a subquery). Tags, added
 * operators, the chat's timers and the last message are looked up for the page's rows only.
 */
const sessionsBody = (
  page: SQL,
  total: SQL,
) => sql`SELECT json_build_object('count', ${total}, 'items', coalesce(json_agg(json_build_object(
    'id', ${sessions.id}, 'chatId', ${sessions.chatId}, 'name', ${sessions.name}, 'status', ${sessions.status}, 'channel', ${sessions.channel},
    'messengerType', ${sessions.messengerType}, 'markedAsSpam', ${sessions.markedAsSpam}, 'clientId', ${sessions.clientId},
    'client', json_build_object('id', ${clients.id}, 'externalId', ${clients.externalId}, 'name', ${clients.name}, 'phone', ${clients.phone},
      'email', ${clients.email}, 'tags', ${tagsJson('client', clients)}),
    'clientBanned', false, 'clientOnlineAt', ${isoSql(sessions.lastClientMessageAt)},
    'operatorId', ${sessions.operatorId}, 'operatorName', ${users.name}, 'operatorAssignedAt', ${isoSql(sessions.operatorAssignedAt)},
    'operatorIds', (SELECT coalesce(json_agg(${o.userId} ORDER BY ${o.addedAt}), '[]') FROM ${sessionOperators} o WHERE ${o.sessionId} = ${sessions.id}),
    'startedAt', ${isoSql(sessions.startedAt)}, 'closedAt', ${isoSql(sessions.closedAt)},
    'lastMessage', (SELECT json_build_object('id', ${m.id}, 'authorId', ${m.authorId}, 'authorType', ${m.authorType}, 'authorName', ${m.authorName},
        'type', ${m.type}, 'body', ${m.body}, 'attachments', (SELECT coalesce(json_agg(json_build_object('name', f.a->'name', 'contentType', f.a->'contentType',
          'size', f.a->'size', 'url', f.a->'url') ORDER BY f.n), '[]') FROM jsonb_array_elements(${m.attachments}) WITH ORDINALITY f(a, n)),
        'createdAt', ${isoSql(m.createdAt)}, 'readAt', ${isoSql(m.readAt)})
      FROM ${messages} m WHERE ${m.id} = ${sessions.lastMessageId}),
    'lastMessageCreatedAt', ${isoSql(sessions.lastMessageAt)}, 'lastOperatorMessage', ${sessions.lastOperatorMessage},
    'firstClientMessageAfterLastOperatorMessage', ${sessions.firstClientMessageAfterOperator},
    'unreadClientMessageCount', ${sessions.unreadClientCount}, 'tags', st.names, 'tagIds', st.ids,
    'timerFirstAnswer', ${chats.timerFirstAnswer}, 'timerNextAnswers', ${chats.timerNextAnswers}) ORDER BY p.n), '[]'))::text AS body
  FROM (${page}) p JOIN ${sessions} ON ${sessions.id} = p.id JOIN ${clients} ON ${clients.id} = ${sessions.clientId}
  LEFT JOIN ${users} ON ${users.id} = ${sessions.operatorId} LEFT JOIN ${chats} ON ${chats.id} = ${sessions.chatId}
  LEFT JOIN LATERAL (SELECT string_agg(${t.name}, ', ' ORDER BY ${l.addedAt}) AS names, coalesce(json_agg(${t.id} ORDER BY ${l.addedAt}), '[]') AS ids
    FROM ${sessionTags} l JOIN ${tags} t ON ${t.id} = ${l.tagId} WHERE ${l.sessionId} = ${sessions.id}) st ON true`

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
  return and(
    ...list.map(
      (idOrName) => sql`EXISTS (SELECT 1 FROM ${sessionTags} JOIN ${tags} ON ${tags.id} = ${sessionTags.tagId}
    WHERE ${sessionTags.sessionId} = ${sessions.id} AND ${tags.companyId} = ${companyId} AND ${tags.kind} = 'session'
    AND (${tags.id}::text = ${idOrName} OR lower(${tags.name}) = lower(${idOrName})))`,
    ),
  )
}

/** The list's one statement, exported so the benchmark runs exactly the SQL the route runs. */
/** `q` with its attribute filters checked against the catalog (resolveAttributeFilters). */
export function sessionListQuery(
  companyId: string,
  q: Omit<SessionListQuery, 'attributeFilters'> & { attributeFilters: ResolvedFilter[] },
) {
  const tagIds = asArray(q.tagId)
  const clientTagIds = asArray(q.clientTagId)
  const where = and(
    eq(sessions.companyId, companyId),
    q.status ? eq(sessions.status, q.status) : undefined,
    q.waiting ? and(eq(sessions.status, 'open'), isNull(sessions.operatorId)) : undefined,
    q.unread ? sql`${sessions.unreadClientCount} > 0` : undefined,
    q.operatorId
      ? or(
          eq(sessions.operatorId, q.operatorId),
          sql`EXISTS (SELECT 1 FROM ${sessionOperators}
          WHERE ${sessionOperators.sessionId} = ${sessions.id} AND ${sessionOperators.userId} = ${q.operatorId})`,
        )
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
    carriesAllSessionTags(
      companyId,
      (q.tags ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
    clientTagIds.length ? carriesAllClientTags(sessions.clientId, clientTagIds) : undefined,
    ...q.attributeFilters.map((f) => attributeMatch(f)),
    q.keyword
      ? sql`(${or(ilikeAny([clients.name, clients.phone, clients.email], q.keyword), phoneDigitsMatch(clients.phoneDigits, q.keyword))} OR EXISTS (
          SELECT 1 FROM ${messages} WHERE ${messages.sessionId} = ${sessions.id} AND ${messages.body} ILIKE ${likePattern(q.keyword)}))`
      : undefined,
  )
  // Waiting dialogues come longest-waiting first, unless asked otherwise.
  const natural = q.waiting
    ? [asc(sessions.startedAt)]
    : [asc(sessions.status), sql`${sessions.lastMessageAt} DESC NULLS LAST`]
  const order = sql.join([...(sortOrder(q.sort, sortable) ?? natural), sessions.id], sql`, `)
  const count = sql`(SELECT count(*) FROM ${sessions} JOIN ${clients} ON ${clients.id} = ${sessions.clientId} WHERE ${where})`
  // The total rides along as a window count; only a page past the end needs a count of its own.
  const page = sql`SELECT ${sessions.id} AS id, row_number() OVER (ORDER BY ${order}) AS n, count(*) OVER () AS total
    FROM ${sessions} JOIN ${clients} ON ${clients.id} = ${sessions.clientId} WHERE ${where} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`
  return sessionsBody(
    page,
    q.withoutCount ? sql`${NOT_COUNTED}::int` : sql`CASE WHEN count(p.id) > 0 THEN max(p.total) ELSE ${count} END`,
  )
}

/** A page of dialogues as the response's JSON text; `attr.<id>…` filters are checked against the catalog the role sees. */
export async function listSessions(db: Db, companyId: string, role: Role, q: SessionListQuery) {
  const attributeFilters = await resolveAttributeFilters({ db, companyId, role, filters: q.attributeFilters })
  const [row] = await preparedRows<{ body: string }>(db, sessionListQuery(companyId, { ...q, attributeFilters }))
  return row!.body
}

/** One dialogue as the list shows it: what opening a dialogue reads, and what starting one or changing it answers (prepared). */
export async function getSession(db: Db, companyId: string, sessionId: string): Promise<Session> {
  const [row] = await preparedRows<{ body: string }>(
    db,
    sessionsBody(
      sql`SELECT ${sessions.id} AS id, 1 AS n FROM ${sessions} WHERE ${sessions.id} = ${sessionId} AND ${sessions.companyId} = ${companyId}`,
      sql`0`,
    ),
  )
  const [session] = (JSON.parse(row!.body) as { items: Session[] }).items
  if (!session) throw notFound('Диалог не найден')
  return session
}

/** The dialogue's row alone, within the company: 404 otherwise. */
export async function findSessionRow(db: Db, companyId: string, sessionId: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
  if (!row) throw notFound('Диалог не найден')
  return row
}

async function findOperator(db: Db, companyId: string, operatorId: string) {
  const [operator] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, operatorId), eq(users.companyId, companyId)))
  if (!operator) throw notFound('Оператор не найден')
  return operator
}

/** The event an operator assigned to a dialogue, or added to it, gives (modules/webhooks). */
const operatorAdded = (tx: Db | Tx, companyId: string, sessionId: string, operator: { id: string; name: string }) =>
  enqueueDialogueEvent(tx, {
    companyId,
    event: 'chatSessionAdded',
    sessionId,
    data: { sessionId, operatorId: operator.id, operatorName: operator.name, addedAt: new Date().toISOString() },
  })

export async function setSessionOperator(db: Db, companyId: string, sessionId: string, operatorId: string) {
  const operator = await findOperator(db, companyId, operatorId)
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(sessions)
      .set({ operatorId, operatorAssignedAt: sql`now()` })
      .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
      .returning({ id: sessions.id })
    if (!row) throw notFound('Диалог не найден')
    await operatorAdded(tx, companyId, sessionId, operator)
  })
  return operator
}

/**
 * «Взять»: the caller becomes the dialogue's operator if it has none (or is theirs already). Taken by someone
 * else meanwhile, or closed, it is a 409 that says so. Returns whether it changed.
 */
export async function takeSession(db: Db, companyId: string, sessionId: string, userId: string) {
  const added = sql`SELECT ${sessionId}::uuid AS session_id, false AS to_client, jsonb_build_object('sessionId', ${sessionId}::text,
    'operatorId', ${userId}::text, 'operatorName', (SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${userId}),
    'addedAt', ${isoSql(sql`now()`)}) AS data FROM taken WHERE taken.changed`
  const [row] = await rowsOf<{ changed: boolean }>(
    db,
    sql`WITH s AS (SELECT ${sessions.id} AS id, ${sessions.operatorId} AS operator_id FROM ${sessions}
      WHERE ${sessions.id} = ${sessionId} AND ${sessions.companyId} = ${companyId} AND ${sessions.status} = 'open'
        AND (${sessions.operatorId} IS NULL OR ${sessions.operatorId} = ${userId}) FOR UPDATE),
    taken AS (UPDATE ${sessions} SET ${bare(sessions.operatorId)} = ${userId},
      ${bare(sessions.operatorAssignedAt)} = CASE WHEN s.operator_id IS NULL THEN now() ELSE ${sessions.operatorAssignedAt} END
      FROM s WHERE ${sessions.id} = s.id RETURNING s.operator_id IS NULL AS changed),
    outbox AS (${dialogueOutboxSql(companyId, 'chatSessionAdded', added)})
    SELECT changed FROM taken`,
  )
  if (row) return row.changed
  const { status, operatorName } = await getSession(db, companyId, sessionId)
  throw conflict(status === 'closed' ? 'Диалог уже закрыт' : `Диалог уже взял ${operatorName ?? 'другой оператор'}`)
}

/** A second operator joins the dialogue (or leaves it); returns them and whether anything changed. */
export async function changeSessionOperators({
  db,
  companyId,
  sessionId,
  operatorId,
  op,
}: {
  db: Db
  companyId: string
  sessionId: string
  operatorId: string
  op: 'add' | 'remove'
}) {
  await findSessionRow(db, companyId, sessionId)
  const operator = await findOperator(db, companyId, operatorId)
  const changed =
    op === 'add'
      ? await db.transaction(async (tx) => {
          const added = await tx
            .insert(sessionOperators)
            .values({ sessionId, userId: operatorId, companyId })
            .onConflictDoNothing()
            .returning()
          if (added.length) await operatorAdded(tx, companyId, sessionId, operator)
          return added
        })
      : await db
          .delete(sessionOperators)
          .where(and(eq(sessionOperators.sessionId, sessionId), eq(sessionOperators.userId, operatorId)))
          .returning()
  return { operator, changed: changed.length > 0 }
}

export async function updateSession(
  db: Db,
  companyId: string,
  sessionId: string,
  patch: { name?: string; markedAsSpam?: boolean },
) {
  const [row] = await db
    .update(sessions)
    .set(patch)
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
    .returning({ id: sessions.id, clientId: sessions.clientId })
  if (!row) throw notFound('Диалог не найден')
  return row
}

/**
 * Closes the dialogue unless a parameter required to close it (in any chat, or in this dialogue's chat, and
 * seen by the closer's role) is empty on the client, or a required session tag group has no tag on it; `force` closes it all the same. One statement: the check and the close see the same
 * values. Returns whether it closed and what was missing.
 */
export async function closeSession({
  db,
  companyId,
  role,
  sessionId,
  force = false,
}: {
  db: Db
  companyId: string
  role: Role
  sessionId: string
  force?: boolean
}) {
  const row = await closeStatement({ db, companyId, role, sessionId, force, close: true })
  if (!row.closed) throw conflict(REQUIRED_MISSING, row.missing)
  return row.missing
}

/** What a close would ask for now, closing nothing (a closed dialogue needs nothing): the card marks it and «Закрыть» opens with its editors. */
export async function missingToClose(db: Db, companyId: string, role: Role, sessionId: string) {
  return (await closeStatement({ db, companyId, role, sessionId, force: false, close: false })).missing
}

async function closeStatement({
  db,
  companyId,
  role,
  sessionId,
  force,
  close,
}: {
  db: Db
  companyId: string
  role: Role
  sessionId: string
  force: boolean
  close: boolean
}) {
  const [row] = await rowsOf<{ session: string | null; closed: string | null; missing: MissingRequired[] }>(
    db,
    sql`
    WITH s AS (SELECT ${sessions.id} AS id, ${sessions.clientId} AS client_id, ${sessions.chatId} AS chat_id, ${sessions.status} AS status
      FROM ${sessions} WHERE ${sessions.id} = ${sessionId} AND ${sessions.companyId} = ${companyId}),
    missing AS (SELECT ${a.id} AS id, ${a.name} AS name, ${a.position} AS position FROM ${attributes} a, s
      WHERE ${a.companyId} = ${companyId} AND ${a.archivedAt} IS NULL AND ${a.requiredToClose} AND ${visibleTo(role)} AND (${close} OR s.status <> 'closed')
        AND (cardinality(${a.requiredChatIds}) = 0 OR s.chat_id = ANY(${a.requiredChatIds}))
        AND NOT EXISTS (SELECT 1 FROM ${attributeValues} v WHERE ${v.clientId} = s.client_id AND ${v.attributeId} = ${a.id} AND ${v.value} IS NOT NULL)),
    groups AS (SELECT ${g.id} AS id, ${g.name} AS name FROM ${tagGroups} g, s
      WHERE ${g.companyId} = ${companyId} AND ${g.kind} = 'session' AND ${g.requiredToClose} AND (${close} OR s.status <> 'closed')
        AND NOT EXISTS (SELECT 1 FROM ${sessionTags} l JOIN ${tags} t ON ${t.id} = ${l.tagId} WHERE ${l.sessionId} = s.id AND ${t.groupId} = ${g.id})),
    closed AS (UPDATE ${sessions} SET ${bare(sessions.status)} = 'closed', ${bare(sessions.closedAt)} = coalesce(${sessions.closedAt}, now())
      WHERE ${sessions.id} = (SELECT id FROM s) AND ${close}
        AND (${force} OR (NOT EXISTS (SELECT 1 FROM missing) AND NOT EXISTS (SELECT 1 FROM groups)))
      RETURNING ${sessions.id} AS id, ${sessions.closedAt} AS closed_at),
    outbox AS (${dialogueOutboxSql(
      companyId,
      'chatSessionDeleted',
      sql`SELECT closed.id AS session_id, false AS to_client,
        jsonb_build_object('sessionId', closed.id, 'closedAt', ${isoSql(sql`closed.closed_at`)}) AS data
      FROM closed, s WHERE s.status <> 'closed'`,
    )})
    SELECT (SELECT id FROM s) AS session, (SELECT id FROM closed) AS closed,
      coalesce((SELECT json_agg(json_build_object('attributeId', id, 'name', name, 'path', 'attributes.' || id,
        'message', '«' || name || '» не заполнен') ORDER BY position) FROM missing), '[]')::jsonb
      || coalesce((SELECT json_agg(json_build_object('tagGroupId', id, 'name', name, 'path', 'tagGroups.' || id,
        'message', 'Нужен тег из группы «' || name || '»') ORDER BY lower(name)) FROM groups), '[]')::jsonb AS missing`,
  )
  if (!row?.session) throw notFound('Диалог не найден')
  return row
}

/** The operator has seen the dialogue: client messages are read, the unread counter is zero. */
export async function markSessionRead(db: Db, companyId: string, sessionId: string) {
  // One statement: the client's messages (of this company's dialogue only) and the counter together; then the
  // event naming the messages read, if any.
  const now = new Date()
  const read = db.$with('read').as(
    db
      .update(messages)
      .set({ readAt: now })
      .where(
        and(
          eq(messages.sessionId, sessionId),
          eq(messages.companyId, companyId),
          eq(messages.authorType, 'client'),
          sql`${messages.readAt} IS NULL`,
        ),
      )
      .returning({ id: messages.id }),
  )
  await db.transaction(async (t) => {
    const tx = t as unknown as Db
    const [row] = await tx
      .with(read)
      .update(sessions)
      .set({ unreadClientCount: 0 })
      .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, companyId)))
      .returning({ id: sessions.id, read: sql<string[]>`(SELECT coalesce(array_agg(id::text), '{}') FROM read)` })
    if (!row) throw notFound('Диалог не найден')
    if (row.read.length) {
      const data = { sessionId, messageIds: row.read, readAt: now.toISOString() }
      await enqueueDialogueEvent(tx, { companyId, event: 'chatMessageRead', sessionId, data })
    }
  })
}
