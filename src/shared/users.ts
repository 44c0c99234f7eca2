import { z } from 'zod'
import { idSchema, roleSchema } from '@shared/common'
import { userNameSchema } from '@shared/auth'

/** A member of the company as the admin's "Сотрудники" page shows them. */
export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
})
export type User = z.infer<typeof userSchema>
export const userListSchema = z.object({ items: z.array(userSchema) })

export const userCreateSchema = z.strictObject({
  name: userNameSchema,
  email: z.string().trim().toLowerCase().email({ error: 'Введите адрес почты' }).max(254),
  role: roleSchema,
})
export type UserCreate = z.infer<typeof userCreateSchema>

export const userPatchSchema = z.strictObject({
  name: userNameSchema.optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
})
export type UserPatch = z.infer<typeof userPatchSchema>

/** The temporary password is shown once: the user must replace it at the first sign-in. */
export const temporaryPasswordSchema = z.object({ user: userSchema, temporaryPassword: z.string() })
export type TemporaryPassword = z.infer<typeof temporaryPasswordSchema>

export const userParamsSchema = z.object({ userId: idSchema })
