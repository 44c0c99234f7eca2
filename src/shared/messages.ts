import { z } from 'zod'
import { listOf, listQuerySchema } from '@shared/common'
import { messageBodySchema } from '@shared/sessions'

const authorTypeSchema = z.enum(['client', 'operator', 'bot', 'system'])
export type AuthorType = z.infer<typeof authorTypeSchema>

export const messageSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  authorId: z.string().nullable(),
  authorType: authorTypeSchema,
  authorName: z.string().nullable(),
  type: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})
export type Message = z.infer<typeof messageSchema>
export const messageListSchema = listOf(messageSchema)

/** `offset` counts back from the newest message; items come oldest first, ready to render. */
export const messageListQuerySchema = listQuerySchema
export const messageInputSchema = z.strictObject({ body: messageBodySchema })
export type MessageInput = z.infer<typeof messageInputSchema>
