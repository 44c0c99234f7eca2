import { z } from 'zod'
import { MAX_ATTRIBUTE_VALUE } from '@shared/attributes'
import { idSchema, listOf, listQueryWithAttributeFilters, momentSchema } from '@shared/common'
import { clientSchema } from '@shared/clients'

const sessionStatusSchema = z.enum(['open', 'closed'])
export type SessionStatus = z.infer<typeof sessionStatusSchema>

export const MAX_MESSAGE_LENGTH = 4000

export const messageBodySchema = z
  .string()
  .trim()
  .min(1, { error: 'Сообщение не может быть пустым' })
  .max(MAX_MESSAGE_LENGTH, { error: `Сообщение длиннее ${MAX_MESSAGE_LENGTH} символов` })

/** TWIN's SessionInfo.lastMessage: the message the list previews, as an object. */
const lastMessageSchema = z.object({
  id: z.string(),
  authorId: z.string().nullable(),
  authorType: z.enum(['client', 'operator', 'bot', 'system']),
  authorName: z.string().nullable(),
  type: z.string(),
  body: z.string(),
  attachments: z.array(
    z.object({ name: z.string(), contentType: z.string().nullable(), size: z.number().nullable(), url: z.string() }),
  ),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})

/**
 * A dialogue, shaped after TWIN's SessionInfo so its SDK parses it: `tags` is a string (the session tags'
 * names joined by ", "), `lastMessage` an object. Fields the SDK types as integers, which uuids cannot
 * honour (`operators[].id`, `companyId`), are left out. (ext): `client`, `tagIds`, `operatorIds`, `closedAt`.
 */
export const sessionSchema = z.object({
  id: z.string(),
  chatId: z.string().nullable(),
  name: z.string().nullable(),
  status: sessionStatusSchema,
  channel: z.string(),
  messengerType: z.string().nullable(),
  markedAsSpam: z.boolean(),
  clientId: z.string(),
  /** The client with its client tags, which show in every dialogue with it. */
  client: clientSchema.pick({ id: true, externalId: true, name: true, phone: true, email: true, tags: true }),
  clientBanned: z.boolean(),
  clientOnlineAt: z.string().nullable(),
  operatorId: z.string().nullable(),
  operatorName: z.string().nullable(),
  operatorAssignedAt: z.string().nullable(),
  /** Operators added beside the dialogue's own; it is "Мои" for each of them. */
  operatorIds: z.array(z.string()),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  lastMessage: lastMessageSchema.nullable(),
  lastMessageCreatedAt: z.string().nullable(),
  lastOperatorMessage: z.string().nullable(),
  firstClientMessageAfterLastOperatorMessage: z.string().nullable(),
  unreadClientMessageCount: z.number().int(),
  tags: z.string().nullable(),
  tagIds: z.array(z.string()),
  /** The chat's response-time SLs in seconds (first answer, next answers); null without a chat. */
  timerFirstAnswer: z.number().int().nullable(),
  timerNextAnswers: z.number().int().nullable(),
})
export type Session = z.infer<typeof sessionSchema>
export const sessionListSchema = listOf(sessionSchema)

const flag = z.stringbool()
const moment = momentSchema

/**
 * The dialogue list's filters: ours and those of TWIN's SessionQueryRequest. `tags` is a comma list of
 * session tag ids or names (all of them); an unknown one finds nothing. Spam stays out unless
 * `markedAsSpam` asks for it. `operatorType`, `botStatus` and `groupByClientId` are accepted and change
 * nothing (there are no bots here).
 */
export const sessionListQuerySchema = listQueryWithAttributeFilters(
  {
    status: sessionStatusSchema.optional(),
    operatorId: idSchema.optional().describe('Диалоги оператора: его собственные и те, куда он добавлен'),
    unread: flag.optional().describe('Только с непрочитанными сообщениями клиента (ext)'),
    waiting: flag
      .optional()
      .describe('Ожидают оператора: открытые диалоги без оператора, первыми — ждущие дольше всех (ext)'),
    clientId: idSchema.optional(),
    sessionId: idSchema.optional(),
    chatId: idSchema.optional(),
    name: z.string().trim().max(200).optional(),
    /** Session tags; several mean all of them. */
    tagId: z.union([idSchema, z.array(idSchema)]).optional(),
    tags: z.string().max(2000).optional().describe('Теги сессии через запятую: id или названия; нужны все'),
    /** Client tags of the dialogue's client; several mean all of them. */
    clientTagId: z.union([idSchema, z.array(idSchema)]).optional(),
    keyword: z.string().trim().max(200).optional(),
    markedAsSpam: flag.optional(),
    clientBanned: flag.optional(),
    operatorType: z.string().max(50).optional(),
    botStatus: z.string().max(50).optional(),
    groupByClientId: flag.optional(),
    from: moment.optional().describe('Диалоги с активностью не раньше этого времени'),
    to: moment.optional().describe('Диалоги, начатые не позже этого времени'),
  },
  MAX_ATTRIBUTE_VALUE,
)
export type SessionListQuery = z.output<typeof sessionListQuerySchema>

export const sessionParamsSchema = z.strictObject({ sessionId: idSchema.describe('Session Identifier') })
export const sessionRenameParamsSchema = sessionParamsSchema.extend({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Введите название диалога' })
    .max(200, { error: 'Название длиннее 200 символов' })
    .describe('Новое название диалога'),
})
/** TWIN's DeleteSessionRequest: how the dialogue ended, written into its closing line. */
export const sessionCloseInputSchema = z.strictObject({
  result: z.string().trim().max(200).nullish(),
  force: z
    .boolean()
    .optional()
    .describe('Руководитель и администратор: закрыть, даже если обязательные параметры не заполнены'),
})
/**
 * 409 of a close: what is still needed before the dialogue can be closed (with the usual `path` and
 * `message`): a parameter of the client (`attributeId`), or a tag from a session tag group (`tagGroupId`).
 */
export const missingRequiredSchema = z.object({
  attributeId: z.string().optional(),
  tagGroupId: z.string().optional(),
  name: z.string(),
  path: z.string(),
  message: z.string(),
})
export type MissingRequired = z.infer<typeof missingRequiredSchema>
export const REQUIRED_MISSING = 'Перед закрытием заполните обязательные параметры'
export const transferParamsSchema = sessionParamsSchema.extend({
  operatorId: idSchema.describe('Operator Identifier'),
})

export const sessionStartInputSchema = z.strictObject({
  client: z.strictObject({
    externalId: z.string().trim().min(1).max(200),
    name: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(50).optional(),
    email: z.email().max(254).optional(),
  }),
  message: messageBodySchema,
  channel: z.string().trim().min(1).max(50).default('web'),
})
