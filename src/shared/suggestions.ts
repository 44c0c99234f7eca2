import { z } from 'zod'
import { attributeTypeSchema } from '@shared/attributes'
import { clientFieldSchema } from '@shared/clients'
import { idSchema } from '@shared/common'

/** A value from the client's own words, offered for one of their empty fields or parameters. */
export const suggestionSchema = z.object({
  id: z.string(),
  /** The parameter it fills, or null for the client's own phone or e-mail (`field`). */
  attributeId: z.string().nullable(),
  field: clientFieldSchema.nullable(),
  /** What the panel calls it: the parameter's name or «Телефон», «Эл. почта». */
  name: z.string(),
  type: attributeTypeSchema,
  /** As it would be stored (a date as YYYY-MM-DD, a list as its option names). */
  value: z.string(),
  sessionId: z.string(),
  messageId: z.string(),
  createdAt: z.string(),
})
export type Suggestion = z.infer<typeof suggestionSchema>
export const suggestionListSchema = z.object({ items: z.array(suggestionSchema) })
export const suggestionParamsSchema = z.strictObject({ suggestionId: idSchema })
