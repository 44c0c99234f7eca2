import { z } from 'zod'
import { idSchema, listOf, listQuerySchema } from '@shared/common'
import { clientSchema } from '@shared/clients'
import { tagRefSchema } from '@shared/tags'

const sessionStatusSchema = z.enum(['open', 'closed'])
export type SessionStatus = z.infer<typeof sessionStatusSchema>

export const MAX_MESSAGE_LENGTH = 4000

export const messageBodySchema = z
  .string()
  .trim()
  .min(1, { error: 'Сообщение не может быть пустым' })
  .max(MAX_MESSAGE_LENGTH, { error: `Сообщение длиннее ${MAX_MESSAGE_LENGTH} символов` })

export const sessionSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  status: sessionStatusSchema,
  channel: z.string(),
  clientId: z.string(),
  /** The client with its client tags, which show in every dialogue with it. */
  client: clientSchema.pick({ id: true, externalId: true, name: true, phone: true, email: true, tags: true }),
  operatorId: z.string().nullable(),
  operatorName: z.string().nullable(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  lastMessage: z.string().nullable(),
  lastMessageCreatedAt: z.string().nullable(),
  unreadClientMessageCount: z.number().int(),
  tags: z.array(tagRefSchema),
})
export type Session = z.infer<typeof sessionSchema>
export const sessionListSchema = listOf(sessionSchema)

export const sessionListQuerySchema = listQuerySchema.extend({
  status: sessionStatusSchema.optional(),
  operatorId: idSchema.optional(),
  clientId: idSchema.optional(),
  /** Session tags; several mean all of them. */
  tagId: z.union([idSchema, z.array(idSchema)]).optional(),
  /** Client tags of the dialogue's client; several mean all of them. */
  clientTagId: z.union([idSchema, z.array(idSchema)]).optional(),
  keyword: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
})
export type SessionListQuery = z.infer<typeof sessionListQuerySchema>

export const sessionParamsSchema = z.strictObject({ sessionId: idSchema.describe('Session Identifier') })
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
export type SessionStartInput = z.infer<typeof sessionStartInputSchema>
