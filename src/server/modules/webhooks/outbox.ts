import { sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { DIALOGUE_EVENTS, type DialogueEvent, type WebhookEvent } from '@shared/webhooks'
import type { Db, Tx } from '../../db/client'
import { chats, sessions, webhookDeliveries, webhooks } from '../../db/schema'
import { preparedRows } from '../../db/raw'
import { columnList } from '../../db/sql-helpers'

// The outbox: an event becomes one row per receiver (each webhook subscribed to it; a dialogue's TWIN callbacks),
// written by the statement or the transaction of the change itself. A change that commits has its rows; one
// that rolls back has none. The worker (worker.ts) delivers them afterwards, so a slow receiver never slows
// the write.

const w = alias(webhooks, 'w')
const s = alias(sessions, 's')
const c = alias(chats, 'c')
const d = webhookDeliveries

/**
 * What a delivery POSTs. A webhook's row keeps only the event's data: the Standard Webhooks envelope around it
 * (`type`, `timestamp`, `data`) is put together when it is sent or shown, from the row's event and time, so the
 * change's own statement writes no more than it must. A dialogue's callback keeps its whole TWIN body.
 */
export const deliveryBody = (r: { webhookId: string | null; event: string; createdAt: Date; payload: unknown }) =>
  r.webhookId === null ? r.payload : { type: r.event, timestamp: r.createdAt.toISOString(), data: r.payload }

const subscribed = (companyId: string, event: string) =>
  sql`${w.companyId} = ${companyId}::uuid AND ${w.active} AND ${event}::text = ANY(${w.events})`

/**
 * SQL inserting the outbox rows of `event` for the rows of `events` (a SELECT of `queue` and `data`, jsonb):
 * one per row and active webhook of the company subscribed to it. Fit for a CTE of the change's own statement.
 * Without such a webhook the events' data is not even put together (the EXISTS is checked once, first).
 */
export const outboxSql = (companyId: string, event: WebhookEvent, events: SQL) =>
  sql`INSERT INTO ${d} ${columnList(d.webhookId, d.companyId, d.event, d.queue, d.payload)}
    SELECT ${w.id}, ${w.companyId}, ${event}, ${w.id} || '/' || x.queue, x.data
    FROM (${events}) x JOIN ${webhooks} w ON ${subscribed(companyId, event)}
    WHERE EXISTS (SELECT 1 FROM ${webhooks} w WHERE ${subscribed(companyId, event)})`

/** The order an event keeps: after the earlier events of the same client, per webhook. */
export const clientQueue = (clientId: SQL | string) => sql`'client:' || ${clientId}`

/** Writes the outbox rows of one event in the caller's transaction. */
export async function enqueueEvent(
  tx: Db | Tx,
  e: { companyId: string; event: WebhookEvent; clientId: string; data: Record<string, unknown> },
) {
  await preparedRows(
    tx,
    outboxSql(
      e.companyId,
      e.event,
      sql`SELECT ${clientQueue(e.clientId)} AS queue, ${JSON.stringify(e.data)}::jsonb AS data`,
    ),
  )
}

const eventUrl = sql`coalesce(${s.eventCallbackUrl}, ${c.eventCallbackUrl})`
const notify = sql`coalesce(${s.notifyOnEvents}, ${c.notifyOnEvents})`

/**
 * SQL inserting the outbox rows of a dialogue's event for the rows of `events` (a SELECT of `session_id`, `data`
 * jsonb and `to_client` boolean: a message the client receives). Each goes to the company's webhooks subscribed
 * to its `session.*` name, to the dialogue's (else its chat's) `eventCallbackUrl` when its `notifyOnEvents`
 * lets it, and, for a message to the client, to the dialogue's `callbackUrl`: TWIN's `{ event, data,
 * callbackData }`. Each receiver gets a dialogue's events in order.
 */
export const dialogueOutboxSql = (companyId: string, event: DialogueEvent, events: SQL) => {
  const named = DIALOGUE_EVENTS[event]
  return sql`INSERT INTO ${d} ${columnList(d.webhookId, d.chatId, d.url, d.companyId, d.event, d.queue, d.payload)}
    SELECT r.webhook_id, r.chat_id, r.url, ${companyId}::uuid, r.event, r.queue, r.payload
    FROM (${events}) x JOIN ${sessions} s ON ${s.id} = x.session_id AND ${s.companyId} = ${companyId}::uuid
    LEFT JOIN ${chats} c ON ${c.id} = ${s.chatId}
    CROSS JOIN LATERAL (
      SELECT ${w.id} AS webhook_id, NULL::uuid AS chat_id, NULL::text AS url, ${named}::text AS event,
        ${w.id} || '/session:' || ${s.id} AS queue, x.data AS payload
      FROM ${webhooks} w WHERE ${w.companyId} = ${companyId}::uuid AND ${w.active} AND ${named}::text = ANY(${w.events})
      UNION ALL
      SELECT NULL, ${s.chatId}, ${eventUrl}, ${event}, 'session:' || ${s.id} || ':events',
        jsonb_build_object('event', ${event}::text, 'data', x.data, 'callbackData', coalesce(${s.eventCallbackData}, ${c.eventCallbackData}))
      WHERE ${eventUrl} IS NOT NULL AND (${notify} IS NULL OR ${event}::text = ANY(${notify}))
      UNION ALL
      SELECT NULL, ${s.chatId}, ${s.callbackUrl}, ${event}, 'session:' || ${s.id},
        jsonb_build_object('event', ${event}::text, 'data', x.data, 'callbackData', ${s.callbackData})
      WHERE x.to_client AND ${s.callbackUrl} IS NOT NULL) r`
}

/** Writes the outbox rows of one dialogue event in the caller's transaction. */
export async function enqueueDialogueEvent(
  tx: Db | Tx,
  e: { companyId: string; event: DialogueEvent; sessionId: string; data: object; toClient?: boolean },
) {
  await preparedRows(
    tx,
    dialogueOutboxSql(
      e.companyId,
      e.event,
      sql`SELECT ${e.sessionId}::uuid AS session_id, ${JSON.stringify(e.data)}::jsonb AS data, ${e.toClient ?? false}::boolean AS to_client`,
    ),
  )
}

/**
 * Clients' personal data destroyed: the events of their queues and of their dialogues', pending or kept in the
 * log, keep their type, and their data becomes `{ erased: true }` with the client's or the dialogue's id.
 * Pending ones are still delivered, so a receiver keeps each queue's order.
 */
export async function forgetClientEvents(tx: Tx, companyId: string, clientIds: string[], sessionIds: string[]) {
  const owner = sql`substring(${d.queue} from '(?:client|session):([0-9a-f-]{36})')`
  const data = sql`jsonb_build_object('erased', true, CASE WHEN ${d.queue} LIKE '%client:%' THEN 'clientId' ELSE 'sessionId' END, ${owner})`
  await tx.execute(sql`UPDATE ${d} SET ${sql.identifier(d.payload.name)} = CASE WHEN ${d.webhookId} IS NULL
      THEN jsonb_build_object('event', ${d.payload}->'event', 'data', ${data}, 'callbackData', NULL)
      ELSE ${data} END
    WHERE ${d.companyId} = ${companyId}::uuid AND ${owner} = ANY(${`{${[...clientIds, ...sessionIds].join(',')}}`}::text[])`)
}
