import { z } from 'zod'
import { roleSchema } from '@shared/common'

/** The longest sign-in token a `ttl` can ask for, in seconds (a day). */
export const MAX_ACCESS_TTL_SECONDS = 24 * 3600

const ttlSchema = z.number().int({ error: 'ttl — целое число секунд' }).min(0, { error: 'ttl не может быть отрицательным' })
  .optional().describe(`Срок жизни токена в секундах, не больше ${MAX_ACCESS_TTL_SECONDS} (больше — урезается); 0 или нет — по умолчанию`)

/** TWIN's IAM login body, as its PHP SDK sends it (`companyId` null or the company, `extra` an empty array). */
export const loginInputSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email({ error: 'Введите адрес почты' }).max(254),
  password: z.string().min(1, { error: 'Введите пароль' }).max(200),
  ttl: ttlSchema,
  companyId: z.union([z.string().max(100), z.number()]).nullish().describe('Компания пользователя; другая — 401'),
  extra: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
})
export type LoginInput = z.infer<typeof loginInputSchema>

export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(['online', 'away']),
  companyId: z.string(),
  companyName: z.string(),
})
export type Me = z.infer<typeof meSchema>

/** `token` is the key TWIN's SDK reads the access token from; `authToken` is the same token. */
export const tokenPairSchema = z.object({ token: z.string(), authToken: z.string(), refreshToken: z.string() })
export const loginResultSchema = tokenPairSchema.extend({ user: meSchema })

export const refreshInputSchema = z.strictObject({ refreshToken: z.string().min(1).max(4000), ttl: ttlSchema })

export const apiTokenInputSchema = z.strictObject({
  ttlDays: z.number().int().min(1).max(365).default(30),
})
export const apiTokenSchema = z.object({ token: z.string(), expiresAt: z.string() })

export const operatorStatusSchema = z.enum(['online', 'away'])
export type OperatorStatus = z.infer<typeof operatorStatusSchema>

export const operatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  /** `online` takes dialogues; `away` is skipped by group transfers. */
  status: operatorStatusSchema,
})
export type Operator = z.infer<typeof operatorSchema>
