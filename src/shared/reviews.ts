import { z } from 'zod'
import { clientHistoryItemSchema } from '@shared/client-history'
import { clientSchema } from '@shared/clients'
import { listOf, listQuerySchema, userRefSchema } from '@shared/common'

/** A card never reviewed by the caller is pending for changes of the last this many days only. */
export const REVIEW_WINDOW_DAYS = 30
/** Changes listed per card in the queue; `changeCount` says how many there are in all. */
export const MAX_REVIEW_CHANGES = 50

const pendingReviewSchema = z.object({
  client: clientSchema,
  /** The caller's last review of this card, null if never. */
  reviewedAt: z.string().nullable(),
  /** The oldest change not yet reviewed: the queue is ordered by it, oldest first. */
  pendingSince: z.string(),
  lastChangedAt: z.string(),
  changeCount: z.number().int(),
  /** Newest first, at most MAX_REVIEW_CHANGES. */
  changes: z.array(clientHistoryItemSchema),
})
export type PendingReview = z.infer<typeof pendingReviewSchema>
export const pendingReviewListSchema = listOf(pendingReviewSchema)
export const pendingReviewQuerySchema = listQuerySchema
/** GET /reviews/pending/count: how many cards wait for the caller, for the sidebar's badge. */
export const pendingReviewCountSchema = z.object({ count: z.number().int() })
export type PendingReviewCount = z.infer<typeof pendingReviewCountSchema>

export const reviewSchema = z.object({ clientId: z.string(), reviewedAt: z.string(), reviewedBy: userRefSchema })
export type Review = z.infer<typeof reviewSchema>
