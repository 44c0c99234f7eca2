import { and, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { type ListQuery, NOT_COUNTED, type Role } from '@shared/common'
import { MAX_REVIEW_CHANGES, type PendingReview, type Review } from '@shared/reviews'
import type { Db } from '../../db/client'
import { clientReviews, clients, reviewPending } from '../../db/schema'
import { iso, uuidArray } from '../../db/sql-helpers'
import { getUser } from '../accounts'
import { readTimeline, timelineSql } from '../clients'
import { withTags } from '../cards'

/** Oldest pending first: a queue worked from the top never leaves a card waiting behind newer ones. */
export async function listPendingReviews(db: Db, userId: string, role: Role, q: ListQuery) {
  const rows = await db
    .select()
    .from(reviewPending)
    .where(eq(reviewPending.userId, userId))
    .orderBy(reviewPending.pendingSince, reviewPending.clientId)
    .limit(q.limit)
    .offset(q.offset)
  const total = q.withoutCount ? NOT_COUNTED : await countPendingReviews(db, userId)
  if (rows.length === 0) return { count: total, items: [] }

  const ids = rows.map((r) => r.clientId)
  const cards = await withTags(db, await db.select().from(clients).where(inArray(clients.id, ids)))
  const reviews = await db
    .select({ clientId: clientReviews.clientId, reviewedAt: clientReviews.reviewedAt })
    .from(clientReviews)
    .where(and(eq(clientReviews.userId, userId), inArray(clientReviews.clientId, ids)))
  const p = alias(reviewPending, 'p')
  const since = sql`(SELECT ${p.pendingSince} FROM ${reviewPending} p WHERE ${p.clientId} = h.client_id AND ${p.userId} = ${userId})`
  const changes = await readTimeline(
    db,
    sql`SELECT * FROM (
      SELECT x.*, row_number() OVER (PARTITION BY x.client_id ORDER BY x.changed_at DESC, x.id DESC) AS rn
      FROM (${timelineSql(sql`h.client_id = ANY(${uuidArray(ids)}) AND h.changed_at >= ${since}`, role)}) x
    ) y WHERE rn <= ${MAX_REVIEW_CHANGES} ORDER BY changed_at DESC, id DESC`,
  )

  const items = rows.flatMap((r): PendingReview[] => {
    const client = cards.find((c) => c.id === r.clientId)
    if (!client) return []
    const reviewedAt = reviews.find((v) => v.clientId === r.clientId)?.reviewedAt
    return [
      {
        client,
        reviewedAt: reviewedAt ? iso(reviewedAt) : null,
        pendingSince: iso(r.pendingSince),
        lastChangedAt: iso(r.lastChangedAt),
        changeCount: r.changeCount,
        changes: changes.filter((c) => c.clientId === r.clientId),
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
