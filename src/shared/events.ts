import { z } from 'zod'

const id = z.string()
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape })

/**
 * The live events of a company (GET /events), one exact payload per type. Events carry ids, not rows: a panel
 * refreshes the queries an event names (lib/event-targets). An event of an unknown type is skipped by the panel.
 */
export const chatEventSchema = z.discriminatedUnion('type', [
  event('message.created', { sessionId: id, messageId: id }),
  event('session.created', { sessionId: id, clientId: id }),
  event('session.updated', { sessionId: id, clientId: id.optional() }),
  event('session.tags.changed', { sessionId: id, clientId: id }),
  // The client's own fields (name, phone, e-mail, external ID), a review of the card, a dialogue started.
  event('client.updated', { clientId: id }),
  // One parameter value, now at `version`: a panel that already shows that version has nothing to fetch.
  event('client.attributes.changed', { clientId: id, attributeId: id, version: z.number().int() }),
  event('client.tags.changed', { clientId: id }),
  // Many clients at once (an import, a bulk edit, their undo): every client view refreshes.
  event('clients.changed', {}),
  // `attributeId` names the parameter, left out for a role that does not see it.
  event('catalog.changed', {
    catalog: z.enum(['attributes', 'clientTags', 'sessionTags', 'chats', 'operatorGroups']),
    attributeId: id.optional(),
  }),
  // How far an import or a bulk edit has got, for the progress bar of whoever started it.
  event('batch.progress', { batchId: id, userId: id, done: z.number(), total: z.number().nullable() }),
  // Values found in a client's message for their empty fields: the dialogue's card offers them.
  event('suggestion.created', { sessionId: id, clientId: id }),
  // A note on a client, or on one of their dialogues (sessionId too), was added, edited or deleted.
  event('comment.changed', { clientId: id, sessionId: id.optional() }),
])
export type ChatEvent = z.infer<typeof chatEventSchema>
export type ChatEventType = ChatEvent['type']
