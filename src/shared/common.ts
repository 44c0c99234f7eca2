import { z } from 'zod'

/** Ids are UUIDs; a malformed one is a 400 naming the parameter, never a database error. */
export const idSchema = z.uuid({ error: 'Некорректный идентификатор' })
export const timestampSchema = z.iso.datetime({ offset: true })

export const roleSchema = z.enum(['operator', 'supervisor', 'admin'])
export type Role = z.infer<typeof roleSchema>

export const MAX_LIST_LIMIT = 500

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  withoutCount: z.stringbool().optional(),
})
export type ListQuery = z.infer<typeof listQuerySchema>

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ count: z.number().int().nullable(), items: z.array(item) })

const errorDetailSchema = z.object({ path: z.string(), message: z.string() })
export const errorSchema = z.object({
  error: z.string(),
  details: z.union([z.array(errorDetailSchema), z.record(z.string(), z.unknown()), z.null()]),
})

export const userRefSchema = z.object({ id: z.string(), name: z.string() })
