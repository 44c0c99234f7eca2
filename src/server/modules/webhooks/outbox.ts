import { sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { WebhookEvent } from '@shared/webhooks'
import type { Db, Tx } from '../../db/client'
import { webhookDeliveries, webhooks } from '../../db/schema'
import { columnList, isoSql } from '../../db/sql-helpers'

// The outbox: an event becomes one row per webhook subscribed to it, written by the statement or the transaction
// of the change itself. A change that commits has its rows; one that rolls back has none. The worker
// (worker.ts) delivers them afterwards, so a slow receiver never slows the write.

const w = alias(webhooks, 'w')
const d = webhookDeliveries

/**
 * SQL inserting the outbox rows of `event` for the rows of `events` (a SELECT of `queue` and `data`, jsonb):
 * one per row and active webhook of the company subscribed to it. Fit for a CTE of the change's own statement.
 */
export const outboxSql = (companyId: string, event: WebhookEvent, events: SQL) =>
  sql`INSERT INTO ${d} ${columnList(d.webhookId, d.companyId, d.event, d.queue, d.payload)}
    SELECT ${w.id}, ${w.companyId}, ${event}, x.queue,
      jsonb_build_object('type', ${event}::text, 'timestamp', ${isoSql(sql`clock_timestamp()`)}, 'data', x.data)
    FROM (${events}) x JOIN ${webhooks} w ON ${w.companyId} = ${companyId}::uuid AND ${w.active} AND ${event}::text = ANY(${w.events})`

/** The order an event keeps: after the earlier events of the same client (or dialogue), per webhook. */
export const clientQueue = (clientId: SQL | string) => sql`'client:' || ${clientId}`

/** Writes the outbox rows of one event in the caller's transaction. */
export async function enqueueEvent(
  tx: Db | Tx,
  e: { companyId: string; event: WebhookEvent; clientId: string; data: Record<string, unknown> },
) {
  await tx.execute(
    outboxSql(
      e.companyId,
      e.event,
      sql`SELECT ${clientQueue(e.clientId)} AS queue, ${JSON.stringify(e.data)}::jsonb AS data`,
    ),
  )
}
