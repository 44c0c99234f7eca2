import { sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { WEBHOOK_LOG_DAYS, WEBHOOK_RETRY_DAYS } from '@shared/webhooks'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/raw'
import { companies, webhookAttempts, webhookDeliveries, webhooks } from '../../db/schema'
import { bare, columnList, uuidArray } from '../../db/sql-helpers'
import { recordSystemEvent } from '../audit'
import { INTERNAL_REFUSED } from './address'
import { deliveryBody } from './outbox'
import { post, type Sent } from './send'

// The delivery worker, inside every service process. It claims due deliveries (FOR UPDATE SKIP LOCKED and a
// lease: with several processes on one PostgreSQL each attempt is made by exactly one of them), only the
// head of each queue (a client's next event waits for the previous one), posts them, and records the attempt.
// A process killed mid-attempt leaves a lease that runs out: another process, or this one restarted, retries.

/**
 * Retries after the first attempt (Standard Webhooks' schedule), then every 10 hours, for WEBHOOK_RETRY_DAYS
 * from the event (or from «Отправить снова»); each delay with ±20 % jitter.
 */
export const RETRY_DELAYS_MS = [5, 300, 1800, 7200, 18_000, 36_000].map((s) => s * 1000)
/** Longer than an attempt (TIMEOUT_MS) can take: then another process may try it again. */
const LEASE_SECONDS = 30
const BATCH = 8

export interface WorkerOptions {
  db: Db
  /** Lets webhooks reach internal addresses (WEBHOOK_ALLOW_PRIVATE). */
  allowInternal: boolean
  /** Tests shorten these. */
  retryDelaysMs?: number[]
  retryWindowMs?: number
  timeoutMs?: number
  pollMs?: number
  /**
   * The only process on its database (the embedded one): a lease it finds at start is one a killed run of it
   * left, and is released at once instead of running out.
   */
  soleProcess?: boolean
  log?: (err: unknown) => void
}

type Claimed = {
  id: string
  /** Null for a dialogue's callback. */
  webhook_id: string | null
  company_id: string
  event: string
  created_at: Date
  payload: unknown
  attempts: number
  retry_since: Date
  url: string
  secret: string
  previous_secret: string | null
  resume_after: string
}

const d = alias(webhookDeliveries, 'd')
const e = alias(webhookDeliveries, 'e')
const w = alias(webhooks, 'w')
const co = alias(companies, 'co')

/** Queue heads in order from just after `after` up to `upTo` (inclusive; none: to the end): a loose index scan. */
const headsBetween = (name: string, after: string, upTo: string | null) => {
  const before = (alias: typeof d | typeof e) => (upTo === null ? sql`` : sql` AND ${alias.queue} <= ${upTo}`)
  return sql`${sql.raw(name)} AS (
    (SELECT ${d.queue} AS queue, ${d.seq} AS seq FROM ${webhookDeliveries} d
      WHERE ${d.status} = 'pending' AND ${d.queue} > ${after}${before(d)} ORDER BY ${d.queue}, ${d.seq} LIMIT 1)
    UNION ALL
    SELECT n.* FROM ${sql.raw(name)} h CROSS JOIN LATERAL (
      SELECT ${e.queue} AS queue, ${e.seq} AS seq FROM ${webhookDeliveries} e
      WHERE ${e.status} = 'pending' AND ${e.queue} > h.queue${before(e)} ORDER BY ${e.queue}, ${e.seq} LIMIT 1) n)`
}

/**
 * Due deliveries at the head of their queue, of active webhooks (or dialogue callbacks), leased to this process.
 * The heads are found by a loose index scan (one probe of the pending index per queue, read only as far as the
 * LIMIT needs), not by checking every pending row: a receiver that lags leaves thousands waiting in one queue.
 * The scan starts after the last queue the previous claim took and wraps around, so that busy queues early in
 * the order (one client's stream of changes, one company's webhook) never keep the others waiting.
 * `resume_after` is where the next claim starts. A callback is signed with its company's channel secret, a
 * webhook's delivery with the webhook's.
 */
export const claimSql = (after: string) => sql`WITH RECURSIVE ${headsBetween('later', after, null)},
  ${headsBetween('earlier', '', after)},
  heads AS (SELECT * FROM later UNION ALL SELECT * FROM earlier),
  next AS (
    SELECT ${d.id} AS id, coalesce(${w.url}, ${d.url}) AS url, coalesce(${w.secret}, ${co.channelSecret}) AS secret,
      CASE WHEN ${d.webhookId} IS NULL THEN
          CASE WHEN ${co.channelPreviousSecretUntil} > clock_timestamp() THEN ${co.channelPreviousSecret} END
        WHEN ${w.previousSecretUntil} > clock_timestamp() THEN ${w.previousSecret} END AS previous_secret
    FROM heads CROSS JOIN LATERAL (
        SELECT ${d.id}, ${d.url}, ${d.webhookId}, ${d.companyId} FROM ${webhookDeliveries} d
        WHERE ${d.status} = 'pending' AND ${d.queue} = heads.queue AND ${d.seq} = heads.seq
          AND ${d.nextAttemptAt} <= clock_timestamp() AND (${d.leaseUntil} IS NULL OR ${d.leaseUntil} < clock_timestamp())
        FOR UPDATE SKIP LOCKED) d
      LEFT JOIN ${webhooks} w ON ${w.id} = ${d.webhookId}
      JOIN ${companies} co ON ${co.id} = ${d.companyId}
    WHERE ${d.webhookId} IS NULL OR ${w.active}
    LIMIT ${BATCH}),
  claimed AS (
    UPDATE ${webhookDeliveries} d SET ${bare(d.leaseUntil)} = clock_timestamp() + ${LEASE_SECONDS} * interval '1 second',
      ${bare(d.attempts)} = ${d.attempts} + 1
    FROM next WHERE ${d.id} = next.id
    RETURNING ${d.id} AS id, ${d.webhookId} AS webhook_id, ${d.companyId} AS company_id, ${d.event} AS event,
      ${d.queue} AS queue, ${d.createdAt} AS created_at, ${d.payload} AS payload,
      ${d.attempts} AS attempts, ${d.retrySince} AS retry_since, next.url, next.secret, next.previous_secret)
  SELECT claimed.*, (SELECT coalesce(max(queue) FILTER (WHERE queue <= ${after}), max(queue)) FROM claimed) AS resume_after
  FROM claimed`

/** One attempt's outcome, as the worker records it. */
export type Recorded = {
  id: string
  status: 'pending' | 'delivered' | 'failed'
  /** The next attempt (ISO), while pending. */
  next: string | null
  at: string
  code: number | null
  ms: number
  response: string | null
  error: string | null
}

const a = webhookAttempts
const dl = webhookDeliveries

/**
 * The attempts of a batch in one statement: each delivery's new state, and the attempt in its log. The ids go in
 * as an array too, so the planner reads them through the primary key rather than the whole log.
 */
export const recordSql = (
  rows: Recorded[],
) => sql`WITH r AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
    AS r(id uuid, status text, next timestamptz, at timestamptz, code int, ms int, response text, error text)),
  a AS (INSERT INTO ${a} ${columnList(a.deliveryId, a.at, a.statusCode, a.latencyMs, a.response, a.error)}
    SELECT id, at, code, ms, response, error FROM r)
  UPDATE ${dl} SET ${bare(dl.status)} = r.status, ${bare(dl.leaseUntil)} = NULL,
    ${bare(dl.nextAttemptAt)} = coalesce(r.next, ${dl.nextAttemptAt}),
    ${bare(dl.finishedAt)} = CASE WHEN r.status <> 'pending' THEN clock_timestamp() END
  FROM r WHERE ${dl.id} = r.id AND ${dl.id} = ANY(${uuidArray(rows.map((r) => r.id))})`

type Verdict = { status: 'delivered' | 'failed' } | { status: 'pending'; inMs: number }

/** What an answer means: 2xx delivered; no answer, 408, 429 and 5xx tried again; anything else failed at once. */
function verdict(sent: Sent, attempts: number, o: Required<Pick<WorkerOptions, 'retryDelaysMs'>>): Verdict {
  const code = sent.statusCode
  if (code !== null && code >= 200 && code < 300) return { status: 'delivered' }
  // An internal address stays internal: it is refused, not tried again.
  const retry = code === null ? sent.error !== INTERNAL_REFUSED : code === 408 || code === 429 || code >= 500
  if (!retry) return { status: 'failed' }
  const delays = o.retryDelaysMs
  const base = delays[Math.min(attempts - 1, delays.length - 1)]!
  const jittered = base * (0.8 + Math.random() * 0.4)
  return { status: 'pending', inMs: Math.max(jittered, sent.retryAfterMs ?? 0) }
}

export function startWebhookWorker(o: WorkerOptions) {
  const delays = o.retryDelaysMs ?? RETRY_DELAYS_MS
  const windowMs = o.retryWindowMs ?? WEBHOOK_RETRY_DAYS * 86_400_000
  const log = o.log ?? ((err) => console.error('webhooks:', err))
  let stopped = false
  let wake: (() => void) | null = null
  let lastSweep = 0
  /** The queue the last claim ended at: the next one starts after it. */
  let after = ''

  /** The attempts of a batch, in one statement: each delivery's verdict, and the attempt in its log. */
  async function record(batch: { c: Claimed; sent: Sent; at: string }[]) {
    const rows = batch.map(({ c, sent, at }): Recorded => {
      let v = verdict(sent, c.attempts, { retryDelaysMs: delays })
      if (v.status === 'pending' && Date.now() + v.inMs > new Date(c.retry_since).getTime() + windowMs)
        v = { status: 'failed' }
      const next = v.status === 'pending' ? new Date(Date.now() + v.inMs).toISOString() : null
      return {
        id: c.id,
        status: v.status,
        next,
        at,
        code: sent.statusCode,
        ms: sent.latencyMs,
        response: sent.response,
        error: sent.error,
      }
    })
    await o.db.execute(recordSql(rows))
    for (const [i, r] of rows.entries()) {
      const c = batch[i]!.c
      if (r.status === 'failed' && c.webhook_id) await disableIfFailing(c, c.webhook_id)
    }
  }

  /** An endpoint with nothing delivered for the whole retry window is switched off, and the Журнал says so. */
  async function disableIfFailing(c: Claimed, webhookId: string) {
    const since = new Date(Date.now() - windowMs).toISOString()
    const [off] = await rowsOf<{ url: string }>(
      o.db,
      sql`UPDATE ${webhooks} SET ${bare(webhooks.active)} = false, ${bare(webhooks.disabledReason)} = ${`Нет доставок ${WEBHOOK_RETRY_DAYS} дня`},
        ${bare(webhooks.updatedAt)} = now()
      WHERE ${webhooks.id} = ${webhookId} AND ${webhooks.active} AND ${webhooks.createdAt} < ${since}::timestamptz
        AND NOT EXISTS (SELECT 1 FROM ${webhookDeliveries} WHERE ${webhookDeliveries.webhookId} = ${webhookId}
          AND ${webhookDeliveries.status} = 'delivered' AND ${webhookDeliveries.finishedAt} > ${since}::timestamptz)
      RETURNING ${webhooks.url} AS url`,
    )
    if (off) {
      await recordSystemEvent(o.db, {
        companyId: c.company_id,
        action: 'webhook.disabled',
        summary: `Вебхук ${off.url} отключён: ${WEBHOOK_RETRY_DAYS} дня ни одной доставки`,
      })
    }
  }

  async function attempt(c: Claimed) {
    const secrets = [c.secret, ...(c.previous_secret ? [c.previous_secret] : [])]
    const body = JSON.stringify(
      deliveryBody({ webhookId: c.webhook_id, event: c.event, createdAt: new Date(c.created_at), payload: c.payload }),
    )
    const sent = await post({
      url: c.url,
      id: c.id,
      body,
      secrets,
      allowInternal: o.allowInternal,
      timeoutMs: o.timeoutMs,
    })
    return { c, sent, at: new Date().toISOString() }
  }

  /** Deliveries and attempts past the log's retention go, once an hour. */
  async function sweep() {
    if (Date.now() - lastSweep < 3_600_000) return
    lastSweep = Date.now()
    await o.db.execute(sql`DELETE FROM ${webhookDeliveries} WHERE ${webhookDeliveries.status} <> 'pending'
      AND ${webhookDeliveries.createdAt} < now() - ${WEBHOOK_LOG_DAYS}::int * interval '1 day'`)
  }

  const running = (async () => {
    if (o.soleProcess) {
      await o.db
        .update(webhookDeliveries)
        .set({ leaseUntil: null })
        .where(sql`${webhookDeliveries.status} = 'pending' AND ${webhookDeliveries.leaseUntil} IS NOT NULL`)
        .catch(log)
    }
    while (!stopped) {
      let claimed: Claimed[] = []
      try {
        await sweep()
        claimed = await rowsOf<Claimed>(o.db, claimSql(after))
        if (claimed.length) {
          after = claimed[0]!.resume_after
          await record(await Promise.all(claimed.map(attempt)))
        }
      } catch (err) {
        if (!stopped) log(err)
      }
      if (claimed.length === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, o.pollMs ?? 500)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        wake = null
      }
    }
  })()

  return {
    /** Looks for due deliveries now (after a redelivery, say) rather than at the next poll. */
    nudge: () => wake?.(),
    async close() {
      stopped = true
      wake?.()
      await running
    },
  }
}
export type WebhookWorker = ReturnType<typeof startWebhookWorker>
