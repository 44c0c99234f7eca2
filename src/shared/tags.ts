import { z } from 'zod'

export const tagSchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  description: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  usageCount: z.number().int(),
})
export type Tag = z.infer<typeof tagSchema>

/** A tag as it sits on a client or a session (the catalog row is fetched separately). */
export const tagRefSchema = z.object({ id: z.string(), name: z.string(), color: z.string() })
export type TagRef = z.infer<typeof tagRefSchema>
