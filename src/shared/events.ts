import { z } from 'zod'

const eventTypeSchema = z.enum([
  'message.created',
  'session.created',
  'session.updated',
  'client.updated',
  'client.attributes.changed',
  'client.tags.changed',
  'session.tags.changed',
  'catalog.changed',
  // Many clients at once (an import, a bulk edit, their undo): every client view refreshes.
  'clients.changed',
  // How far an import or a bulk edit has got, for the progress bar of whoever started it.
  'batch.progress',
  // Values found in a client's message for their empty fields: the dialogue's card offers them.
  'suggestion.created',
  // A note on a client (clientId) or a dialogue (sessionId too) was added, edited or deleted.
  'comment.changed',
])

/** Events carry ids, not rows: a panel invalidates the matching queries and refetches what it shows. */
export const chatEventSchema = z.object({
  type: eventTypeSchema,
  sessionId: z.string().optional(),
  clientId: z.string().optional(),
  messageId: z.string().optional(),
  attributeId: z.string().optional(),
  catalog: z.enum(['attributes', 'clientTags', 'sessionTags', 'chats', 'operatorGroups']).optional(),
  batchId: z.string().optional(),
  userId: z.string().optional(),
  done: z.number().optional(),
  total: z.number().nullable().optional(),
})
export type ChatEvent = z.infer<typeof chatEventSchema>
