import { z } from 'zod'
import { attributeTypeSchema, changeSourceSchema } from '@shared/attributes'
import { clientFieldSchema } from '@shared/clients'
import { listOf, listQuerySchema, userRefSchema } from '@shared/common'
import { tagRefSchema } from '@shared/tags'

/**
 * One change on a client's card (ext): an attribute value set or cleared, a client tag added or removed,
 * or the client's own name, phone or email (`field`) changed. `oldValue → newValue` reads the same for both kinds: a tag's name appears on the
 * side where the tag was present.
 */
export const clientHistoryItemSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(['attribute', 'tag', 'field']),
  action: z.enum(['set', 'cleared', 'added', 'removed']),
  attribute: z
    .object({ id: z.string(), name: z.string(), type: attributeTypeSchema, archived: z.boolean() })
    .nullable(),
  tag: tagRefSchema.nullable(),
  field: clientFieldSchema.nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  changedAt: z.string(),
  changedBy: userRefSchema.nullable(),
  source: changeSourceSchema,
})
export type ClientHistoryItem = z.infer<typeof clientHistoryItemSchema>
export const clientHistorySchema = listOf(clientHistoryItemSchema)
export const clientHistoryQuerySchema = listQuerySchema
