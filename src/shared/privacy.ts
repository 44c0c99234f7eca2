import { z } from 'zod'
import { idSchema, listOf } from '@shared/common'

// Personal data under 152-ФЗ: a person's requests with their deadlines, a client's data exported, blocked
// or destroyed, and the act of each destruction (Приказ Роскомнадзора № 179).

/** What a person may ask, with its deadline: working days after the day it arrived, or calendar days. */
export const PRIVACY_REQUEST_KINDS = {
  access: { label: 'Сведения о данных', days: 10, working: true, law: 'ст. 20 ч. 1 152-ФЗ' },
  correction: { label: 'Уточнение данных', days: 7, working: true, law: 'ст. 21 ч. 2 152-ФЗ' },
  block: { label: 'Блокирование', days: 3, working: true, law: 'ст. 21 ч. 3 152-ФЗ' },
  erasure: { label: 'Уничтожение', days: 10, working: true, law: 'ст. 21 ч. 3 152-ФЗ' },
  withdrawal: { label: 'Отзыв согласия', days: 30, working: false, law: 'ст. 21 ч. 5 152-ФЗ' },
} as const
export type PrivacyRequestKind = keyof typeof PRIVACY_REQUEST_KINDS
export const privacyRequestKindSchema = z.enum(Object.keys(PRIVACY_REQUEST_KINDS) as [PrivacyRequestKind])
/** A deadline can be extended once, by this many working days, with a reason sent to the person. */
export const EXTENSION_WORKING_DAYS = 5

export const PRIVACY_CHANNELS = {
  email: 'Электронная почта',
  post: 'Почта',
  'in-person': 'Лично',
  chat: 'Чат',
  phone: 'Телефон',
  other: 'Другое',
} as const
export const privacyChannelSchema = z.enum(Object.keys(PRIVACY_CHANNELS) as [keyof typeof PRIVACY_CHANNELS])

export const PRIVACY_RESOLUTIONS = {
  exported: 'Сведения предоставлены',
  corrected: 'Данные уточнены',
  blocked: 'Обработка заблокирована',
  erased: 'Данные уничтожены',
  refused: 'Отказано (мотивированный ответ)',
} as const
export const privacyResolutionSchema = z.enum(Object.keys(PRIVACY_RESOLUTIONS) as [keyof typeof PRIVACY_RESOLUTIONS])

const dateSchema = z.iso.date({ error: 'Дата в формате ГГГГ-ММ-ДД' })
const reasonSchema = z.string().trim().min(3, { error: 'Укажите причину' }).max(2000)

/**
 * Days off besides Saturdays and Sundays: the production calendar of the Government decree for 2026, and for
 * 2027 the holidays of ст. 112 ТК РФ with those on a weekend moved to the next working day (the January
 * ones move by the year's decree: an admin adds them when it is published). A company edits its own list.
 */
export const OFFICIAL_HOLIDAYS: readonly string[] = [
  ...['01-01', '01-02', '01-05', '01-06', '01-07', '01-08', '01-09', '02-23', '03-09', '05-01', '05-11']
    .concat(['06-12', '11-04', '12-31'])
    .map((d) => `2026-${d}`),
  ...['01-01', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-03', '05-10', '06-14', '11-04'].map(
    (d) => `2027-${d}`,
  ),
]

const asDate = (day: string) => new Date(`${day}T00:00:00Z`)
const asDay = (d: Date) => d.toISOString().slice(0, 10)

/** Whether `day` (YYYY-MM-DD) is a working day: not a Saturday, a Sunday or one of `holidays`. */
export function isWorkingDay(day: string, holidays: ReadonlySet<string>) {
  const weekday = asDate(day).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !holidays.has(day)
}

/** The day `days` working (or calendar) days after `from`, not counting `from` itself. */
export function addDays(from: string, days: number, working: boolean, holidays: readonly string[]) {
  const off = new Set(holidays)
  const d = asDate(from)
  for (let left = days; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1)
    if (!working || isWorkingDay(asDay(d), off)) left--
  }
  return asDay(d)
}

/** Working days from `today` to `due` (0 on the due day, negative once overdue). */
export function workingDaysLeft(today: string, due: string, holidays: readonly string[]) {
  if (due === today) return 0
  const off = new Set(holidays)
  const [a, b, sign] = due > today ? [today, due, 1] : [due, today, -1]
  let n = 0
  for (const d = asDate(a); asDay(d) < b;) {
    d.setUTCDate(d.getUTCDate() + 1)
    if (isWorkingDay(asDay(d), off)) n++
  }
  return sign * n
}

/** Requests due within this many working days are flagged to admins. */
export const DUE_SOON_WORKING_DAYS = 2

export const privacyRequestInputSchema = z.strictObject({
  kind: privacyRequestKindSchema,
  channel: privacyChannelSchema,
  subject: z
    .string()
    .trim()
    .min(2, { error: 'Укажите, кто обратился' })
    .max(500)
    .describe('Заявитель, как он назвал себя'),
  clientId: idSchema.nullable().optional(),
  receivedOn: dateSchema.describe('Дата поступления'),
  note: z.string().trim().max(4000).optional(),
})
export type PrivacyRequestInput = z.infer<typeof privacyRequestInputSchema>

export const privacyRequestPatchSchema = z.strictObject({
  clientId: idSchema.nullable().optional(),
  note: z.string().trim().max(4000).optional(),
  /** Extends the deadline once by EXTENSION_WORKING_DAYS. */
  extensionReason: reasonSchema.optional(),
  /** Closes the request with how it was answered. */
  resolution: privacyResolutionSchema.optional(),
  actId: idSchema.optional(),
})
export type PrivacyRequestPatch = z.infer<typeof privacyRequestPatchSchema>

export const privacyRequestSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  kind: privacyRequestKindSchema,
  channel: privacyChannelSchema,
  subject: z.string(),
  client: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  receivedOn: z.string(),
  dueOn: z.string(),
  /** Working days left (negative: overdue); null once closed. */
  daysLeft: z.number().int().nullable(),
  extensionReason: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  resolution: privacyResolutionSchema.nullable(),
  actId: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
})
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>
export const privacyRequestListSchema = listOf(privacyRequestSchema)
export const privacyRequestQuerySchema = z.strictObject({
  status: z.enum(['open', 'closed']).optional(),
})
export const privacyRequestParamsSchema = z.object({ requestId: idSchema })

/** Open requests due within DUE_SOON_WORKING_DAYS, and those overdue: the navigation badge. */
export const privacyDueSchema = z.object({ dueSoon: z.number().int(), overdue: z.number().int() })

export const blockInputSchema = z.strictObject({ reason: reasonSchema })

export const eraseInputSchema = z.strictObject({
  reason: reasonSchema.describe('Основание: запрос, отзыв согласия, истечение срока'),
  /** The person as the request identified them: the act names them so. */
  subject: z.string().trim().min(2, { error: 'Укажите, чьи данные уничтожаются' }).max(500),
  requestId: idSchema.optional(),
})
export type EraseInput = z.infer<typeof eraseInputSchema>

export const erasureActSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  reason: z.string(),
  requestId: z.string().nullable(),
  clientIds: z.array(z.string()),
  categories: z.array(z.object({ category: z.string(), count: z.number().int() })),
  performedByName: z.string(),
  performedAt: z.string(),
  journal: z.array(
    z.object({ at: z.string(), action: z.string(), actorName: z.string().nullable(), summary: z.string() }),
  ),
})
export type ErasureAct = z.infer<typeof erasureActSchema>
export const erasureActListSchema = listOf(erasureActSchema)
export const erasureActParamsSchema = z.object({ actId: idSchema })

export const documentFormatSchema = z.strictObject({ format: z.enum(['json', 'html']).default('json') })

export const privacySettingsSchema = z.object({
  holidays: z.array(z.string()),
  /** True while the company keeps the official list. */
  officialHolidays: z.boolean(),
  retentionMonths: z.number().int().nullable(),
})
export const privacySettingsPatchSchema = z.strictObject({
  holidays: z.array(dateSchema).max(400).nullable().optional().describe('null: официальный календарь'),
  retentionMonths: z.number().int().min(1).max(600).nullable().optional(),
})

/** What a retention run would destroy now. */
export const retentionPreviewSchema = z.object({ months: z.number().int().nullable(), clients: z.number().int() })
