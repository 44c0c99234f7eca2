import { z } from 'zod'
import { idSchema, listOf, listQuery, momentSchema } from '@shared/common'
import { MAX_MESSAGE_LENGTH } from '@shared/sessions'

const authorTypeSchema = z.enum(['client', 'operator', 'bot', 'system'])
export type AuthorType = z.infer<typeof authorTypeSchema>

const MAX_ATTACHMENTS = 10

/** A file the author attached, as a link (TWIN's AttachmentListItem). Only web links: no `javascript:`. */
export const messageAttachmentSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'Укажите имя файла' }).max(255),
  contentType: z.string().trim().max(255).optional(),
  size: z.number().int().min(0).optional(),
  url: z.url({ protocol: /^https?$/, error: 'Ссылка на файл должна начинаться с http:// или https://' }).max(2000),
})
export type MessageAttachment = z.infer<typeof messageAttachmentSchema>

export const messageSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  authorId: z.string().nullable(),
  authorType: authorTypeSchema,
  authorName: z.string().nullable(),
  type: z.string(),
  body: z.string(),
  attachments: z.array(
    messageAttachmentSchema.extend({ contentType: z.string().nullable(), size: z.number().nullable() }),
  ),
  /** The message this one answers (TWIN `replyTo`), or null. */
  replyTo: z
    .object({
      id: z.string(),
      authorType: authorTypeSchema,
      authorName: z.string().nullable(),
      body: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})
export type Message = z.infer<typeof messageSchema>
export const messageListSchema = listOf(messageSchema)
export const messageParamsSchema = z.strictObject({ messageId: idSchema.describe('Message Identifier') })

const period = {
  from: momentSchema.optional().describe('Сообщения не раньше этого времени (ISO-8601)'),
  to: momentSchema.optional().describe('Сообщения не позже этого времени (ISO-8601)'),
  /** TWIN's SDK sends the company; the token already says which it is. */
  companyId: z.union([z.string().max(100), z.coerce.number()]).optional(),
}

/**
 * `offset` counts back from the newest message; items come oldest first, ready to render.
 * `sort=createdAt` reads from the first message instead, `sort=-createdAt` newest first.
 */
export const messageListQuerySchema = listQuery(period)
export type MessageListQuery = z.output<typeof messageListQuerySchema>

/** TWIN's CreateClientChatMessageRequest / CreateOperatorChatMessageRequest: text, files, or both. */
export const messageInputSchema = z
  .strictObject({
    body: z
      .string()
      .trim()
      .max(MAX_MESSAGE_LENGTH, { error: `Сообщение длиннее ${MAX_MESSAGE_LENGTH} символов` })
      .default(''),
    attachments: z
      .array(messageAttachmentSchema)
      .max(MAX_ATTACHMENTS, { error: `Не больше ${MAX_ATTACHMENTS} файлов` })
      .default([]),
    replyToMessageId: idSchema.nullish(),
  })
  .refine((m) => m.body !== '' || m.attachments.length > 0, { path: ['body'], error: 'Сообщение не может быть пустым' })
export type MessageInput = z.infer<typeof messageInputSchema>
