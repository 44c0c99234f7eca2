import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/raw'
import {
  attributeHistory,
  attributes,
  attributeValues,
  auditEvents,
  chats,
  clientAliases,
  clientFieldHistory,
  clientMerges,
  clients,
  clientTagHistory,
  clientTags,
  commentRevisions,
  comments,
  companies,
  messages,
  sessions,
  suggestions,
  tags,
  users,
} from '../../db/schema'
import { isoSql } from '../../db/sql-helpers'
import { clientNotFound } from '../cards'

/**
 * Everything held about one client, hidden parameters included (it is the person's own data): the card,
 * each parameter with its history, tags, dialogues with their messages and attachment names, notes with
 * their earlier wordings, suggestions, merges and external IDs, and the Журнал lines about the client.
 */
export interface PersonalData {
  exportedAt: string
  company: string
  client: {
    id: string
    externalId: string | null
    name: string | null
    phone: string | null
    email: string | null
    createdAt: string
    updatedAt: string
    lastSessionAt: string | null
    blockedAt: string | null
    blockedReason: string | null
    erasedAt: string | null
  }
  parameters: {
    name: string
    value: string | null
    updatedAt: string | null
    history: { at: string; oldValue: string | null; newValue: string | null; source: string; by: string | null }[]
  }[]
  fieldHistory: { at: string; field: string; oldValue: string | null; newValue: string | null; by: string | null }[]
  tags: { name: string; addedAt: string }[]
  tagHistory: { at: string; tag: string; action: string; by: string | null }[]
  dialogues: {
    id: string
    channel: string
    chat: string | null
    startedAt: string
    closedAt: string | null
    messages: { at: string; author: string | null; authorType: string; body: string; attachments: string[] }[]
  }[]
  notes: {
    at: string
    author: string | null
    body: string
    dialogueId: string | null
    deletedAt: string | null
    revisions: { at: string; body: string }[]
  }[]
  suggestions: { at: string; target: string; value: string; status: string }[]
  aliases: string[]
  merges: { at: string; mergedClientId: string; by: string | null; undoneAt: string | null }[]
  journal: { at: string; action: string; actor: string | null; summary: string }[]
}

const userName = (column: unknown) => sql`(SELECT ${users.name} FROM ${users} WHERE ${users.id} = ${column})`
/** The rows of `select` as a JSON array in `order` (a `position` column orders and is left out). */
const agg = (select: ReturnType<typeof sql>, order: ReturnType<typeof sql>) =>
  sql`coalesce((SELECT jsonb_agg(to_jsonb(x) - 'position' ORDER BY ${order}) FROM (${select}) x), '[]')`

/** The client's personal data, within the caller's company; 404 for another company's client. */
export async function collectPersonalData(db: Db, companyId: string, clientId: string): Promise<PersonalData> {
  const c = clients
  const [row] = await rowsOf<PersonalData>(
    db,
    sql`SELECT ${isoSql(sql`clock_timestamp()`)} AS "exportedAt",
      (SELECT ${companies.name} FROM ${companies} WHERE ${companies.id} = ${companyId}) AS company,
      jsonb_build_object('id', ${c.id}, 'externalId', ${c.externalId}, 'name', ${c.name}, 'phone', ${c.phone}, 'email', ${c.email},
        'createdAt', ${isoSql(c.createdAt)}, 'updatedAt', ${isoSql(c.updatedAt)}, 'lastSessionAt', ${isoSql(c.lastSessionAt)},
        'blockedAt', ${isoSql(c.blockedAt)}, 'blockedReason', ${c.blockedReason}, 'erasedAt', ${isoSql(c.erasedAt)}) AS client,
      ${agg(
        sql`SELECT ${attributes.name} AS name, ${attributeValues.value} AS value, ${isoSql(attributeValues.updatedAt)} AS "updatedAt",
          ${agg(
            sql`SELECT ${isoSql(attributeHistory.changedAt)} AS at, ${attributeHistory.oldValue} AS "oldValue",
              ${attributeHistory.newValue} AS "newValue", ${attributeHistory.source} AS source, ${userName(attributeHistory.changedBy)} AS by
              FROM ${attributeHistory} WHERE ${attributeHistory.clientId} = ${c.id} AND ${attributeHistory.attributeId} = ${attributes.id}`,
            sql`x.at`,
          )} AS history, ${attributes.position} AS position
        FROM ${attributes} LEFT JOIN ${attributeValues} ON ${attributeValues.attributeId} = ${attributes.id} AND ${attributeValues.clientId} = ${c.id}
        WHERE ${attributes.companyId} = ${companyId} AND (${attributeValues.clientId} IS NOT NULL
          OR EXISTS (SELECT FROM ${attributeHistory} WHERE ${attributeHistory.clientId} = ${c.id} AND ${attributeHistory.attributeId} = ${attributes.id}))`,
        sql`x.position, x.name`,
      )} AS parameters,
      ${agg(
        sql`SELECT ${isoSql(clientFieldHistory.changedAt)} AS at, ${clientFieldHistory.field} AS field, ${clientFieldHistory.oldValue} AS "oldValue",
          ${clientFieldHistory.newValue} AS "newValue", ${userName(clientFieldHistory.changedBy)} AS by
        FROM ${clientFieldHistory} WHERE ${clientFieldHistory.clientId} = ${c.id}`,
        sql`x.at`,
      )} AS "fieldHistory",
      ${agg(
        sql`SELECT ${tags.name} AS name, ${isoSql(clientTags.addedAt)} AS "addedAt" FROM ${clientTags}
          JOIN ${tags} ON ${tags.id} = ${clientTags.tagId} WHERE ${clientTags.clientId} = ${c.id}`,
        sql`x.name`,
      )} AS tags,
      ${agg(
        sql`SELECT ${isoSql(clientTagHistory.changedAt)} AS at, ${tags.name} AS tag, ${clientTagHistory.action} AS action,
          ${userName(clientTagHistory.changedBy)} AS by
        FROM ${clientTagHistory} JOIN ${tags} ON ${tags.id} = ${clientTagHistory.tagId} WHERE ${clientTagHistory.clientId} = ${c.id}`,
        sql`x.at`,
      )} AS "tagHistory",
      ${agg(
        sql`SELECT ${sessions.id} AS id, ${sessions.channel} AS channel, (SELECT ${chats.name} FROM ${chats} WHERE ${chats.id} = ${sessions.chatId}) AS chat,
          ${isoSql(sessions.startedAt)} AS "startedAt", ${isoSql(sessions.closedAt)} AS "closedAt",
          ${agg(
            sql`SELECT ${isoSql(messages.createdAt)} AS at, ${messages.authorName} AS author, ${messages.authorType} AS "authorType",
              ${messages.body} AS body, (SELECT coalesce(jsonb_agg(a->>'name'), '[]') FROM jsonb_array_elements(${messages.attachments}) a) AS attachments
            FROM ${messages} WHERE ${messages.sessionId} = ${sessions.id}`,
            sql`x.at`,
          )} AS messages
        FROM ${sessions} WHERE ${sessions.clientId} = ${c.id}`,
        sql`x."startedAt"`,
      )} AS dialogues,
      ${agg(
        sql`SELECT ${isoSql(comments.createdAt)} AS at, ${userName(comments.authorId)} AS author, ${comments.body} AS body,
          ${comments.sessionId} AS "dialogueId", ${isoSql(comments.deletedAt)} AS "deletedAt",
          ${agg(
            sql`SELECT ${isoSql(commentRevisions.changedAt)} AS at, ${commentRevisions.body} AS body FROM ${commentRevisions}
            WHERE ${commentRevisions.commentId} = ${comments.id}`,
            sql`x.at`,
          )} AS revisions
        FROM ${comments} WHERE ${comments.clientId} = ${c.id}`,
        sql`x.at`,
      )} AS notes,
      ${agg(
        sql`SELECT ${isoSql(suggestions.createdAt)} AS at,
          coalesce((SELECT ${attributes.name} FROM ${attributes} WHERE ${attributes.id} = ${suggestions.attributeId}), ${suggestions.field}::text) AS target,
          ${suggestions.value} AS value, ${suggestions.status} AS status
        FROM ${suggestions} WHERE ${suggestions.clientId} = ${c.id}`,
        sql`x.at`,
      )} AS suggestions,
      (SELECT coalesce(jsonb_agg(${clientAliases.externalId} ORDER BY ${clientAliases.externalId}), '[]') FROM ${clientAliases}
        WHERE ${clientAliases.clientId} = ${c.id}) AS aliases,
      ${agg(
        sql`SELECT ${isoSql(clientMerges.mergedAt)} AS at, ${clientMerges.sourceId} AS "mergedClientId", ${userName(clientMerges.mergedBy)} AS by,
          ${isoSql(clientMerges.undoneAt)} AS "undoneAt" FROM ${clientMerges} WHERE ${clientMerges.targetId} = ${c.id}`,
        sql`x.at`,
      )} AS merges,
      ${agg(
        sql`SELECT ${isoSql(auditEvents.at)} AS at, ${auditEvents.action} AS action, ${auditEvents.actorName} AS actor, ${auditEvents.summary} AS summary
        FROM ${auditEvents} WHERE ${auditEvents.companyId} = ${companyId}
          AND (${auditEvents.clientId} = ${c.id} OR ${auditEvents.summary} LIKE '%' || ${c.id}::text || '%')`,
        sql`x.at`,
      )} AS journal
    FROM ${clients} WHERE ${c.id} = ${clientId} AND ${c.companyId} = ${companyId}`,
  )
  if (!row) throw clientNotFound()
  return row
}
