import { sql } from 'drizzle-orm'
import { type ListQuery, NOT_COUNTED } from '@shared/common'
import { MAX_REVIEW_CHANGES, REVIEW_WINDOW_DAYS, type PendingReview, type Review } from '@shared/reviews'
import type { Db } from '../../db/client'
import { attributeHistory, clientFieldHistory, clientReviews, clients, clientTagHistory } from '../../db/schema'
import { iso } from '../../db/sql-helpers'
import { getUser } from '../operators/repo'
import { readTimeline, timelineSql } from '../clients/history-repo'
import { rowsOf } from '../clients/raw'
import { withTags } from '../clients/repo'

const windowStart = sql`now() - ${REVIEW_WINDOW_DAYS}::int * interval '1 day'`

/**
 * Per client with changes the caller has not reviewed: the oldest and newest such change and how many.
 * Never-reviewed cards count the last REVIEW_WINDOW_DAYS (a new supervisor does not inherit years of
 * history); reviewed ones count everything after the review. The caller's own changes do not count. Each half reads one index range: the
 * company's recent changes, or the changes of each card the caller reviewed.
 */
function pendingSql(companyId: string, userId: string) {
  // A reviewer's own edits (a revert, a fix) need no second look from the same person, nor does an
  // option renamed in the catalog: it rewrote values, not what anyone knows about the client.
  const notMine = sql`h.changed_by IS DISTINCT FROM ${userId}::uuid AND h.source <> 'catalog'`
  const mine = sql`(SELECT client_id, reviewed_at FROM ${clientReviews} WHERE user_id = ${userId} AND company_id = ${companyId})`
  type History = typeof attributeHistory | typeof clientTagHistory | typeof clientFieldHistory
  const recent = (table: History) => sql`
    SELECT h.client_id, h.changed_at FROM ${table} h
    WHERE h.company_id = ${companyId} AND h.changed_at > ${windowStart} AND ${notMine}
      AND NOT EXISTS (SELECT 1 FROM ${mine} m WHERE m.client_id = h.client_id)`
  const sinceReview = (table: History) => sql`
    SELECT h.client_id, h.changed_at FROM ${mine} m JOIN ${table} h ON h.client_id = m.client_id AND h.changed_at > m.reviewed_at AND ${notMine}`
  return sql`SELECT client_id, min(changed_at) AS pending_since, max(changed_at) AS last_changed_at, count(*) AS change_count
    FROM (${sql.join([attributeHistory, clientTagHistory, clientFieldHistory].flatMap((t) => [recent(t), sinceReview(t)]), sql` UNION ALL `)}) changes
    GROUP BY client_id`
}

type PendingRow = { client_id: string; pending_since: Date; last_changed_at: Date; change_count: string | number }

/** Oldest pending first: a queue worked from the top never leaves a card waiting behind newer ones. */
export async function listPendingReviews(db: Db, companyId: string, userId: string, q: ListQuery) {
  const pending = pendingSql(companyId, userId)
  const rows = await rowsOf<PendingRow>(db, sql`${pending} ORDER BY pending_since, client_id LIMIT ${q.limit} OFFSET ${q.offset}`)
  const total = q.withoutCount ? NOT_COUNTED
    : Number((await rowsOf<{ n: string | number }>(db, sql`SELECT count(*) AS n FROM (${pending}) p`))[0]!.n)
  if (rows.length === 0) return { count: total, items: [] }

  const ids = sql.join(rows.map((r) => sql`${r.client_id}::uuid`), sql`, `)
  const cards = await withTags(db, await db.select().from(clients).where(sql`${clients.id} IN (${ids})`))
  const reviews = await rowsOf<{ client_id: string; reviewed_at: Date }>(db, sql`SELECT client_id, reviewed_at FROM ${clientReviews}
    WHERE user_id = ${userId} AND client_id IN (${ids})`)
  const since = sql`coalesce((SELECT r.reviewed_at FROM ${clientReviews} r WHERE r.client_id = h.client_id AND r.user_id = ${userId}), ${windowStart})`
  const changes = await readTimeline(db, sql`SELECT * FROM (
      SELECT x.*, row_number() OVER (PARTITION BY x.client_id ORDER BY x.changed_at DESC, x.id DESC) AS rn
      FROM (${timelineSql(sql`h.client_id IN (${ids}) AND h.changed_at > ${since}`)}) x
    ) y WHERE rn <= ${MAX_REVIEW_CHANGES} ORDER BY changed_at DESC, id DESC`)

  const items = rows.flatMap((r): PendingReview[] => {
    const client = cards.find((c) => c.id === r.client_id)
    if (!client) return []
    const reviewedAt = reviews.find((v) => v.client_id === r.client_id)?.reviewed_at
    return [{
      client,
      reviewedAt: reviewedAt ? iso(reviewedAt) : null,
      pendingSince: iso(r.pending_since),
      lastChangedAt: iso(r.last_changed_at),
      changeCount: Number(r.change_count),
      changes: changes.filter((c) => c.clientId === r.client_id),
    }]
  })
  return { count: total, items }
}

/** Marks the card reviewed now by the caller; reviewing again just moves the mark. */
export async function markReviewed(db: Db, companyId: string, userId: string, clientId: string): Promise<Review> {
  // clock_timestamp(): a change committed just before this statement has an earlier stamp and is covered.
  const now = sql`clock_timestamp()`
  const [row] = await db.insert(clientReviews).values({ companyId, clientId, userId, reviewedAt: now })
    .onConflictDoUpdate({ target: [clientReviews.clientId, clientReviews.userId], set: { reviewedAt: now } })
    .returning({ reviewedAt: clientReviews.reviewedAt })
  const user = await getUser(db, companyId, userId)
  return { clientId, reviewedAt: iso(row!.reviewedAt), reviewedBy: { id: user.id, name: user.name } }
}

/** The size of the caller's queue alone, for the panel's badge: no page of cards, no changes. */
export async function countPendingReviews(db: Db, companyId: string, userId: string) {
  const [row] = await rowsOf<{ n: string | number }>(db, sql`SELECT count(*) AS n FROM (${pendingSql(companyId, userId)}) p`)
  return Number(row!.n)
}
