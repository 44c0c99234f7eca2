import { z } from 'zod'
import { roleSchema } from '@shared/common'

export const loginInputSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email({ error: 'Введите адрес почты' }).max(254),
  password: z.string().min(1, { error: 'Введите пароль' }).max(200),
})
export type LoginInput = z.infer<typeof loginInputSchema>

export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  companyId: z.string(),
  companyName: z.string(),
})
export type Me = z.infer<typeof meSchema>

export const tokenPairSchema = z.object({ authToken: z.string(), refreshToken: z.string() })
export const loginResultSchema = tokenPairSchema.extend({ user: meSchema })

export const refreshInputSchema = z.strictObject({ refreshToken: z.string().min(1).max(4000) })

export const apiTokenInputSchema = z.strictObject({
  ttlDays: z.number().int().min(1).max(365).default(30),
})
export const apiTokenSchema = z.object({ token: z.string(), expiresAt: z.string() })

export const operatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
})
export type Operator = z.infer<typeof operatorSchema>
