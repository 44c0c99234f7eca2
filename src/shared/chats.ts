import { z } from 'zod'
import { idSchema, listOf, listQuery, momentSchema } from '@shared/common'
import { messageAttachmentSchema } from '@shared/messages'
import { MAX_MESSAGE_LENGTH } from '@shared/sessions'
import { notifyOnEventsSchema } from '@shared/webhooks'

const seconds = (what: string) =>
  z
    .number()
    .int()
    .min(0, { error: `${what}: не меньше 0` })
    .max(30 * 24 * 3600)

/**
 * A chat (TWIN's channel: a site widget, a messenger bot) as its ChatListItem and ChatDetails read it.
 * Fields the SDK types as integers that uuids cannot honour (`companyId`) and bot settings that do not
 * exist here are left out.
 */
export const chatSchema = z.object({
  id: z.string(),
  name: z.string(),
  messengers: z.array(z.string()),
  sessionTtl: z.number().int(),
  /** Empty when not set: TWIN's ChatDetails types it as a string that is never null. */
  operatorsBusyMessage: z.string(),
  eventCallbackUrl: z.string().nullable(),
  eventCallbackData: z.string().nullable(),
  /** TWIN's names of the dialogue events sent to eventCallbackUrl; empty: all of them. */
  notifyOnEvents: z.array(z.string()),
  timerFirstAnswer: z.number().int(),
  timerNextAnswers: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Chat = z.infer<typeof chatSchema>
export const chatListSchema = listOf(chatSchema)

export const chatListQuerySchema = listQuery({
  keyword: z.string().trim().max(200).optional(),
  name: z.string().trim().max(200).optional(),
  from: momentSchema.optional().describe('Созданные не раньше'),
  to: momentSchema.optional().describe('Созданные не позже'),
  includeArchived: z.stringbool().optional(),
})
export type ChatListQuery = z.output<typeof chatListQuerySchema>

const optionalText = (max: number) => z.string().trim().max(max).nullish()

/** A callback's address: http(s) only; empty is none. */
const callbackUrl = z
  .union([
    z.literal(''),
    z.url({ protocol: /^https?$/, error: 'Адрес должен начинаться с http:// или https://' }).max(2000),
  ])
  .nullish()

/**
 * TWIN's SaveChatRequest. The bot fields (`botId`, `sessionReloadBotId`, `knowledgeBase`, …) are
 * accepted and kept nowhere: there are no bots here.
 */
const chatFields = {
  name: z
    .string()
    .trim()
    .min(1, { error: 'Введите название канала' })
    .max(100, { error: 'Название длиннее 100 символов' }),
  messengers: z.array(z.string().trim().min(1).max(50)).max(20).nullish(),
  sessionTtl: seconds('sessionTtl').nullish(),
  operatorsBusyMessage: optionalText(1000),
  eventCallbackUrl: callbackUrl.describe('Куда отправлять события диалогов этого чата'),
  eventCallbackData: optionalText(2000).describe('Возвращается в каждом событии как callbackData'),
  notifyOnEvents: notifyOnEventsSchema,
  timerFirstAnswer: seconds('timerFirstAnswer').nullish(),
  timerNextAnswers: seconds('timerNextAnswers').nullish(),
  archived: z.boolean().optional().describe('(ext) true — в архив, false — вернуть'),
  botId: optionalText(100),
  allowableOperatorIdleTime: z.number().int().nullish(),
  sessionReloadBotId: optionalText(100),
  sessionRatingRequired: z.boolean().nullish(),
  sessionRatingTriggerTime: z.number().int().nullish(),
  answerOnFirstClientMessage: z.boolean().nullish(),
  fcmServerKey: optionalText(1000),
  fcmServiceUrl: optionalText(2000),
  knowledgeBase: optionalText(100),
  pushData: z.unknown().optional(),
  form: z.unknown().optional(),
  references: z.unknown().optional(),
  appearance: z.unknown().optional(),
  results: z.unknown().optional(),
}
export const chatInputSchema = z.strictObject(chatFields)
export type ChatInput = z.infer<typeof chatInputSchema>
export const chatPatchSchema = z.strictObject(chatFields).partial()
export type ChatPatch = z.infer<typeof chatPatchSchema>

export const chatParamsSchema = z.strictObject({ chatId: idSchema.describe('Chat Identifier') })

/**
 * TWIN's StartChatSessionRequest. A client with the same `clientExternalId` (or `clientId`: our id or
 * the external one) is matched, so a returning client brings its card along; otherwise a new client is
 * made from the contact fields. Bot fields are accepted and change nothing.
 */
export const startChatSessionInputSchema = z.strictObject({
  name: optionalText(200).describe('Название диалога'),
  clientId: optionalText(200),
  clientExternalId: optionalText(200),
  clientName: optionalText(200),
  clientFirstName: optionalText(100),
  clientMiddleName: optionalText(100),
  clientLastName: optionalText(100),
  clientNameForOperator: optionalText(200),
  clientPhone: optionalText(50),
  clientEmail: z.union([z.email({ error: 'Некорректный адрес почты' }).max(254), z.literal(''), z.null()]).optional(),
  clientMetadata: z.record(z.string(), z.unknown()).nullish(),
  clientDeviceId: optionalText(200),
  clientTimezone: z.number().int().nullish(),
  channel: optionalText(50),
  messengerType: optionalText(50),
  messengerUserId: optionalText(200),
  messageBody: z
    .string()
    .trim()
    .max(MAX_MESSAGE_LENGTH, { error: `Сообщение длиннее ${MAX_MESSAGE_LENGTH} символов` })
    .nullish(),
  messageAttachments: z.array(messageAttachmentSchema).max(10).nullish(),
  replyToMessageId: optionalText(100),
  sessionId: optionalText(100),
  sessionTtl: z.number().int().min(0).nullish(),
  botId: optionalText(100),
  botNodeId: optionalText(100),
  returnAnswerAsync: z.boolean().nullish(),
  referer: optionalText(2000),
  variables: z.unknown().optional(),
  callbackUrl: callbackUrl.describe('Куда отправлять сообщения клиенту (chatMessageCreated)'),
  callbackData: optionalText(2000).describe('Возвращается в каждом обратном вызове как callbackData'),
  eventCallbackUrl: callbackUrl.describe('Куда отправлять события диалога; важнее настроек чата'),
  eventCallbackData: optionalText(2000),
  notifyOnEvents: notifyOnEventsSchema,
})
export type StartChatSessionInput = z.infer<typeof startChatSessionInputSchema>

/** TWIN's StartChatSession answer, and the dialogue itself (ext). */
export const startChatSessionResultSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  messageId: z.string().nullable(),
  startedAt: z.string(),
  ttl: z.number().int(),
  messages: z.array(
    z.object({
      authorId: z.string().nullable(),
      authorType: z.string(),
      body: z.string(),
      attachments: z.array(
        messageAttachmentSchema.extend({ contentType: z.string().nullable(), size: z.number().nullable() }),
      ),
    }),
  ),
})
