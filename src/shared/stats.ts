import { z } from 'zod'

// "Качество карточек": how complete the cards are and how they are kept, for supervisors and admins.

/** The longest period the figures cover. */
export const MAX_STATS_DAYS = 731
const day = z.iso.date({ error: 'Дата в формате ГГГГ-ММ-ДД' })

export const cardStatsQuerySchema = z.strictObject({
  from: day.optional().describe('Первый день периода (по умолчанию — 30 дней назад)'),
  to: day.optional().describe('Последний день периода (по умолчанию — сегодня)'),
  staleDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .describe('Карточка «давно не менялась», если не менялась столько дней'),
})
export type CardStatsQuery = z.infer<typeof cardStatsQuerySchema>

export const cardStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  clients: z.number().int(),
  /** Each active parameter the caller sees, in card order: clients with a value, and their share. */
  fill: z.array(z.object({ attributeId: z.string(), name: z.string(), filled: z.number().int(), share: z.number() })),
  /** Card changes per day and author over the period. */
  changes: z.array(
    z.object({ day: z.string(), userId: z.string().nullable(), name: z.string(), changes: z.number().int() }),
  ),
  /** Tags put on per day over the period. */
  tagUse: z.array(
    z.object({
      day: z.string(),
      tagId: z.string(),
      name: z.string(),
      kind: z.enum(['client', 'session']),
      uses: z.number().int(),
    }),
  ),
  /** Cards not changed since `before` (`days` ago). */
  stale: z.object({ days: z.number().int(), before: z.string(), count: z.number().int() }),
  /** The oldest card waiting in the caller's review queue: since when. */
  oldestPending: z.string().nullable(),
})
export type CardStats = z.infer<typeof cardStatsSchema>
