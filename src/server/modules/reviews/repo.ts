import { and, eq, sql } from 'drizzle-orm'
import { type ListQuery, NOT_COUNTED, type Role } from '@shared/common'
import { MAX_REVIEW_CHANGES, type PendingReview, type Review } from '@shared/reviews'
import type { Db } from '../../db/client'
import { clientReviews, clients, reviewPending } from '../../db/schema'
import { iso } from '../../db/sql-helpers'
import { getUser } from '../accounts'
import { readTimeline, timelineSql } from '../clients'
import { rowsOf } from '../../db/raw'
import { withTags } from '../cards'

type PendingRow = { client_id: string; pending_since: Date; last_changed_at: Date; change_count: number }

/** Oldest pending first: a queue worked from the top never leaves a card waiting behind newer ones. */
export async function listPendingReviews(db: Db, userId: string, role: Role, q: ListQuery) {
  const rows = await rowsOf<PendingRow>(
    db,
    sql`SELECT client_id, pending_since, last_changed_at, change_count
    FROM ${reviewPending} WHERE user_id = ${userId} ORDER BY pending_since, client_id LIMIT ${q.limit} OFFSET ${q.offset}`,
  )
  const total = q.withoutCount ? NOT_COUNTED : await countPendingReviews(db, userId)
  if (rows.length === 0) return { count: total, items: [] }

  const ids = sql.join(
    rows.map((r) => sql`${r.client_id}::uuid`),
    sql`, `,
  )
  const cards = await withTags(
    db,
    await db
      .select()
      .from(clients)
      .where(sql`${clients.id} IN (${ids})`),
  )
  const reviews = await rowsOf<{ client_id: string; reviewed_at: Date }>(
    db,
    sql`SELECT client_id, reviewed_at FROM ${clientReviews}
    WHERE user_id = ${userId} AND client_id IN (${ids})`,
  )
  const since = sql`(SELECT p.pending_since FROM ${reviewPending} p WHERE p.client_id = h.client_id AND p.user_id = ${userId})`
  const changes = await readTimeline(
    db,
    sql`SELECT * FROM (
      SELECT x.*, row_number() OVER (PARTITION BY x.client_id ORDER BY x.changed_at DESC, x.id DESC) AS rn
      FROM (${timelineSql(sql`h.client_id IN (${ids}) AND h.changed_at >= ${since}`, role)}) x
    ) y WHERE rn <= ${MAX_REVIEW_CHANGES} ORDER BY changed_at DESC, id DESC`,
  )

  const items = rows.flatMap((r): PendingReview[] => {
    const client = cards.find((c) => c.id === r.client_id)
    if (!client) return []
    const reviewedAt = reviews.find((v) => v.client_id === r.client_id)?.reviewed_at
    return [
      {
        client,
        reviewedAt: reviewedAt ? iso(reviewedAt) : null,
        pendingSince: iso(r.pending_since),
        lastChangedAt: iso(r.last_changed_at),
        changeCount: Number(r.change_count),
        changes: changes.filter((c) => c.clientId === r.client_id),
      },
    ]
  })
  return { count: total, items }
}

/** Marks the card reviewed now by the caller; reviewing again just moves the mark. */
export async function markReviewed(db: Db, companyId: string, userId: string, clientId: string): Promise<Review> {
  // clock_timestamp(): a change committed just before this statement has an earlier stamp and is covered.
  const now = sql`clock_timestamp()`
  const [row] = await db.transaction(async (tx) => {
    await tx.delete(reviewPending).where(and(eq(reviewPending.userId, userId), eq(reviewPending.clientId, clientId)))
    return tx
      .insert(clientReviews)
      .values({ companyId, clientId, userId, reviewedAt: now })
      .onConflictDoUpdate({ target: [clientReviews.clientId, clientReviews.userId], set: { reviewedAt: now } })
      .returning({ reviewedAt: clientReviews.reviewedAt })
  })
  const user = await getUser(db, companyId, userId)
  return { clientId, reviewedAt: iso(row!.reviewedAt), reviewedBy: { id: user.id, name: user.name } }
}

/** The size of the caller's queue alone, for the panel's badge: no page of cards, no changes. */
export async function countPendingReviews(db: Db, userId: string) {
  return db.$count(reviewPending, eq(reviewPending.userId, userId))
}
