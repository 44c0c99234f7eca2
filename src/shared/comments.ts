import { z } from 'zod'
import { idSchema, listOf, listQuerySchema, userRefSchema } from '@shared/common'

// Notes on clients and dialogues, as in TWIN's panel: a client note shows in every dialogue with the client,
// a session note in that dialogue only.

export const MAX_COMMENT_LENGTH = 4000
/** Minutes during which an author may still edit or delete their own note. */
export const COMMENT_EDIT_MINUTES = 15

export const commentSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  /** The dialogue a session note belongs to; null for a note about the client. */
  sessionId: z.string().nullable(),
  body: z.string(),
  author: userRefSchema.nullable(),
  createdAt: z.string(),
  /** When it was last edited, if it was. */
  updatedAt: z.string().nullable(),
})
export type Comment = z.infer<typeof commentSchema>
export const commentListSchema = listOf(commentSchema)
export const commentListQuerySchema = listQuerySchema

export const commentInputSchema = z
  .strictObject({
    body: z
      .string()
      .trim()
      .min(1, { error: 'Заметка пуста' })
      .max(MAX_COMMENT_LENGTH, { error: `Заметка длиннее ${MAX_COMMENT_LENGTH} символов` })
      .describe('Текст: ссылки становятся ссылками, переносы строк сохраняются'),
  })
  .meta({ example: { body: 'Просил звонить после 18:00' } })
export type CommentInput = z.infer<typeof commentInputSchema>
export const commentParamsSchema = z.strictObject({ commentId: idSchema })
