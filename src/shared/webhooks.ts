import { z } from 'zod'
import { idSchema } from '@shared/common'

/** The events a company webhook can subscribe to, with the label the panel shows, by group. */
export const WEBHOOK_EVENT_GROUPS = {
  Клиенты: {
    'client.created': 'Клиент добавлен',
    'client.updated': 'Изменены имя, телефон, e-mail или внешний ID',
    'client.attributes.changed': 'Изменены параметры',
    'client.tags.changed': 'Изменены теги клиента',
    'client.merged': 'Клиенты объединены',
    'client.deleted': 'Клиент удалён',
    'comment.created': 'Добавлена заметка',
  },
  Диалоги: {
    'session.started': 'Диалог начат',
    'session.operator.added': 'Оператор назначен или добавлен',
    'session.message.created': 'Новое сообщение',
    'session.message.read': 'Сообщения прочитаны',
    'session.closed': 'Диалог закрыт',
    'session.operator.not_found': 'Диалог начат, когда операторов нет в сети',
  },
} as const

type Groups = typeof WEBHOOK_EVENT_GROUPS
export type WebhookEvent = { [G in keyof Groups]: keyof Groups[G] }[keyof Groups]
export const WEBHOOK_EVENTS = Object.values(WEBHOOK_EVENT_GROUPS).flatMap((g) => Object.keys(g)) as WebhookEvent[]
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS as [WebhookEvent, ...WebhookEvent[]], {
  error: (issue) => `Нет такого события: ${String(issue.input)}`,
})

/**
 * A dialogue's events in TWIN's names (a chat's or a dialogue's `notifyOnEvents`), and the name a company webhook
 * gets each under.
 */
export const DIALOGUE_EVENTS = {
  chatSessionStarted: 'session.started',
  chatSessionAdded: 'session.operator.added',
  chatMessageCreated: 'session.message.created',
  chatMessageRead: 'session.message.read',
  chatSessionDeleted: 'session.closed',
  operatorNotFound: 'session.operator.not_found',
} as const satisfies Record<string, WebhookEvent>
export type DialogueEvent = keyof typeof DIALOGUE_EVENTS
const dialogueEventNames = Object.keys(DIALOGUE_EVENTS) as [DialogueEvent, ...DialogueEvent[]]
export const notifyOnEventsSchema = z
  .array(
    z.enum(dialogueEventNames, {
      error: (issue) => `Нет такого события: ${String(issue.input)}; есть ${dialogueEventNames.join(', ')}`,
    }),
  )
  .max(dialogueEventNames.length * 2)
  .nullish()
  .transform((events) => (events?.length ? [...new Set(events)] : null))
  .describe('События диалога для eventCallbackUrl; пусто или null — все')

/** A delivery is tried this long before it fails; an endpoint failing that long is switched off. */
export const WEBHOOK_RETRY_DAYS = 3
/** Deliveries (and their attempts) are kept this long. */
export const WEBHOOK_LOG_DAYS = 30
export const MAX_WEBHOOKS = 20
export const MAX_WEBHOOK_URL = 2000

const urlSchema = z
  .string()
  .trim()
  .max(MAX_WEBHOOK_URL, { error: `Адрес не длиннее ${MAX_WEBHOOK_URL} символов` })
  .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
    error: 'Адрес должен начинаться с http:// или https://',
  })

const eventsSchema = z
  .array(webhookEventSchema)
  .min(1, { error: 'Выберите хотя бы одно событие' })
  .transform((events) => [...new Set(events)])

export const webhookInputSchema = z.strictObject({
  url: urlSchema.describe('Куда отправлять: http(s)'),
  events: eventsSchema.describe('На какие события подписан'),
  description: z.string().trim().max(500).nullish().describe('Для кого и зачем'),
  active: z.boolean().optional().describe('Отправлять ли (по умолчанию да)'),
})
export type WebhookInput = z.infer<typeof webhookInputSchema>

export const webhookPatchSchema = z
  .strictObject({
    url: urlSchema.optional(),
    events: eventsSchema.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    active: z.boolean().optional().describe('Включить снова отключённый после отказов — тоже сюда'),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'Нечего менять' })
export type WebhookPatch = z.infer<typeof webhookPatchSchema>

export const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed'])
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>

const lastDeliverySchema = z.object({
  status: deliveryStatusSchema,
  at: z.string(),
  statusCode: z.number().int().nullable(),
})

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(webhookEventSchema),
  description: z.string().nullable(),
  active: z.boolean(),
  /** Why the service switched it off (failing for WEBHOOK_RETRY_DAYS), while it is off for that. */
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastDelivery: lastDeliverySchema.nullable(),
})
export type Webhook = z.infer<typeof webhookSchema>
export const webhookListSchema = z.object({ items: z.array(webhookSchema) })

/** The signing secret, shown once: at creation and on rotation. */
export const webhookWithSecretSchema = webhookSchema.extend({
  secret: z.string().describe('Ключ подписи (Standard Webhooks, whsec_…): показывается один раз'),
})
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>

export const webhookParamsSchema = z.object({ webhookId: idSchema })
export const deliveryParamsSchema = z.object({ deliveryId: idSchema })

export const attemptSchema = z.object({
  at: z.string(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** The first 1 KB of the answer. */
  response: z.string().nullable(),
  /** A network error or a time-out, when there was no answer. */
  error: z.string().nullable(),
})
export type Attempt = z.infer<typeof attemptSchema>

export const deliverySchema = z.object({
  id: z.string().describe('webhook-id: одинаковый при каждой попытке, ключ идемпотентности получателя'),
  /** A webhook's event, or a dialogue callback's in TWIN's name. */
  event: z.string(),
  status: deliveryStatusSchema,
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.array(attemptSchema),
})
export type Delivery = z.infer<typeof deliverySchema>

export const deliveryQuerySchema = z.strictObject({
  status: deliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(40).optional().describe('nextCursor предыдущей страницы'),
})
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>
export const deliveryListSchema = z.object({
  items: z.array(deliverySchema),
  nextCursor: z.string().nullable().describe('Продолжение: нет на последней странице'),
})

/** The key TWIN's dialogue callbacks of a company's chats are signed with (admins). */
export const channelSecretSchema = z.object({
  secret: z.string().describe('Ключ подписи обратных вызовов каналов (Standard Webhooks, whsec_…)'),
  previousSecretUntil: z.string().nullable().describe('До этого момента подпись идёт и прежним ключом'),
})
