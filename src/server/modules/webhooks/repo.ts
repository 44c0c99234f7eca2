import { randomBytes } from 'node:crypto'
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm'
import {
  MAX_WEBHOOKS,
  type Delivery,
  type DeliveryStatus,
  type DeliveryQuery,
  type Webhook,
  type WebhookEvent,
  type WebhookInput,
  type WebhookPatch,
} from '@shared/webhooks'
import type { Db } from '../../db/client'
import { webhookAttempts, webhookDeliveries, webhooks } from '../../db/schema'
import { rowsOf } from '../../db/raw'
import { iso, isoOrNull, uuidArray } from '../../db/sql-helpers'
import { conflict, HttpError, notFound } from '../../http/errors'
import { checkCallbackUrl } from './address'
import { deliveryBody } from './outbox'

// A company's webhooks (admins only, routes.ts) and their delivery log.

/** A rotated-out secret still signs this long, so a receiver has a day to switch. */
export const PREVIOUS_SECRET_HOURS = 24

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`

type Row = typeof webhooks.$inferSelect
type Last = { webhook_id: string; status: DeliveryStatus; at: Date | string; status_code: number | null }

const toWebhook = (r: Row, last: Webhook['lastDelivery']): Webhook => ({
  id: r.id,
  url: r.url,
  events: r.events as WebhookEvent[],
  description: r.description,
  active: r.active,
  disabledReason: r.active ? null : r.disabledReason,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  lastDelivery: last,
})

/** Each webhook's latest finished or attempted delivery: what «Вебхуки» shows beside it. */
async function lastDeliveries(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, Webhook['lastDelivery']>()
  const rows = await rowsOf<Last>(
    db,
    sql`SELECT w.id AS webhook_id, l.status, l.at, l.status_code FROM unnest(${uuidArray(ids)}) w(id)
    CROSS JOIN LATERAL (SELECT ${webhookDeliveries.status} AS status, ${webhookAttempts.at} AS at,
        ${webhookAttempts.statusCode} AS status_code
      FROM ${webhookDeliveries} JOIN ${webhookAttempts} ON ${webhookAttempts.deliveryId} = ${webhookDeliveries.id}
      WHERE ${webhookDeliveries.webhookId} = w.id ORDER BY ${webhookDeliveries.seq} DESC, ${webhookAttempts.at} DESC LIMIT 1) l`,
  )
  return new Map(rows.map((r) => [r.webhook_id, { status: r.status, at: iso(r.at), statusCode: r.status_code }]))
}

export async function listWebhooks(db: Db, companyId: string) {
  const rows = await db.select().from(webhooks).where(eq(webhooks.companyId, companyId)).orderBy(webhooks.createdAt)
  const last = await lastDeliveries(
    db,
    rows.map((r) => r.id),
  )
  return { items: rows.map((r) => toWebhook(r, last.get(r.id) ?? null)) }
}

async function findRow(db: Db, companyId: string, webhookId: string) {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.companyId, companyId)))
  if (!row) throw notFound('Вебхук не найден')
  return row
}

export async function getWebhook(db: Db, companyId: string, webhookId: string) {
  const row = await findRow(db, companyId, webhookId)
  return toWebhook(row, (await lastDeliveries(db, [row.id])).get(row.id) ?? null)
}

export async function createWebhook(db: Db, companyId: string, input: WebhookInput, allowInternal: boolean) {
  await checkCallbackUrl(input.url, allowInternal, 'body.url')
  if ((await db.$count(webhooks, eq(webhooks.companyId, companyId))) >= MAX_WEBHOOKS) {
    throw conflict(`Вебхуков в компании не больше ${MAX_WEBHOOKS}`)
  }
  const secret = newSecret()
  const [row] = await db
    .insert(webhooks)
    .values({
      companyId,
      url: input.url,
      events: input.events,
      description: input.description || null,
      active: input.active ?? true,
      secret,
    })
    .returning()
  return { ...toWebhook(row!, null), secret }
}

export async function updateWebhook({
  db,
  companyId,
  webhookId,
  patch,
  allowInternal,
}: {
  db: Db
  companyId: string
  webhookId: string
  patch: WebhookPatch
  allowInternal: boolean
}) {
  await findRow(db, companyId, webhookId)
  if (patch.url !== undefined) await checkCallbackUrl(patch.url, allowInternal, 'body.url')
  await db
    .update(webhooks)
    .set({
      ...patch,
      description: patch.description === undefined ? undefined : patch.description || null,
      // Switched on again: the reason it was switched off no longer holds.
      disabledReason: patch.active ? null : undefined,
      updatedAt: sql`now()`,
    })
    .where(eq(webhooks.id, webhookId))
  return getWebhook(db, companyId, webhookId)
}

export async function deleteWebhook(db: Db, companyId: string, webhookId: string) {
  const row = await findRow(db, companyId, webhookId)
  // Its deliveries have no foreign key to it (schema: webhookDeliveries): they go with it here.
  await db.transaction(async (tx) => {
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId))
    await tx.delete(webhooks).where(eq(webhooks.id, webhookId))
  })
  return row
}

/** A new secret; the old one keeps signing (a second signature) for PREVIOUS_SECRET_HOURS. */
export async function rotateSecret(db: Db, companyId: string, webhookId: string) {
  const row = await findRow(db, companyId, webhookId)
  const secret = newSecret()
  await db
    .update(webhooks)
    .set({
      secret,
      previousSecret: row.secret,
      previousSecretUntil: sql`now() + ${PREVIOUS_SECRET_HOURS}::int * interval '1 hour'`,
      updatedAt: sql`now()`,
    })
    .where(eq(webhooks.id, webhookId))
  return { ...(await getWebhook(db, companyId, webhookId)), secret }
}

/** The secrets a delivery is signed with now. */
export async function secretsOf(db: Db, companyId: string, webhookId: string) {
  const row = await findRow(db, companyId, webhookId)
  const previous = row.previousSecret && row.previousSecretUntil && row.previousSecretUntil > new Date()
  return { url: row.url, secrets: [row.secret, ...(previous ? [row.previousSecret!] : [])] }
}

const cursorOf = (seq: number) => Buffer.from(String(seq)).toString('base64url')
function seqOf(cursor: string | undefined) {
  if (cursor === undefined) return undefined
  const seq = Number(Buffer.from(cursor, 'base64url').toString())
  if (!Number.isSafeInteger(seq))
    throw new HttpError(400, 'Неверный cursor', [{ path: 'querystring.cursor', message: 'не из nextCursor' }])
  return seq
}

/** The log of a webhook, or of a chat's dialogue callbacks (found within the company by the caller), newest first, each delivery with its attempts. */
export async function listDeliveries(
  db: Db,
  companyId: string,
  of: { webhookId: string } | { chatId: string },
  q: DeliveryQuery,
) {
  if ('webhookId' in of) await findRow(db, companyId, of.webhookId)
  const after = seqOf(q.cursor)
  const d = webhookDeliveries
  // One snapshot for the deliveries and their attempts: a delivery recorded in between would show its new
  // attempt with its old status.
  const { rows, attempts } = await db.transaction(
    async (tx) => {
      const rows = await tx
        .select()
        .from(d)
        .where(
          and(
            'webhookId' in of
              ? eq(d.webhookId, of.webhookId)
              : and(eq(d.chatId, of.chatId), eq(d.companyId, companyId)),
            q.status ? eq(d.status, q.status) : undefined,
            after ? lt(d.seq, after) : undefined,
          ),
        )
        .orderBy(desc(d.seq))
        .limit(q.limit + 1)
      const ids = rows.slice(0, q.limit).map((r) => r.id)
      const attempts = ids.length
        ? await tx
            .select()
            .from(webhookAttempts)
            .where(inArray(webhookAttempts.deliveryId, ids))
            .orderBy(webhookAttempts.at)
        : []
      return { rows, attempts }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
  const page = rows.slice(0, q.limit)
  const items = page.map((r): Delivery => ({
    id: r.id,
    event: r.event,
    status: r.status,
    createdAt: iso(r.createdAt),
    nextAttemptAt: r.status === 'pending' ? isoOrNull(r.nextAttemptAt) : null,
    payload: deliveryBody(r) as Record<string, unknown>,
    attempts: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({
        at: iso(a.at),
        statusCode: a.statusCode,
        latencyMs: a.latencyMs,
        response: a.response,
        error: a.error,
      })),
  }))
  return { items, nextCursor: rows.length > q.limit ? cursorOf(page.at(-1)!.seq) : null }
}

/**
 * Sends a delivery again, with the same `webhook-id`: it goes back to its queue as pending, due now, retried for
 * another WEBHOOK_RETRY_DAYS. One still pending is simply due now.
 */
export async function redeliver(db: Db, companyId: string, deliveryId: string) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, retrySince: sql`now()`, finishedAt: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.companyId, companyId)))
    .returning({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId })
  if (!row) throw notFound('Доставка не найдена')
  return row
}
