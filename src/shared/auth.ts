import { z } from 'zod'
import { idSchema, roleSchema, userRefSchema } from '@shared/common'

/** The longest sign-in token a `ttl` can ask for, in seconds (a day). */
export const MAX_ACCESS_TTL_SECONDS = 24 * 3600

const ttlSchema = z
  .number()
  .int({ error: 'ttl — целое число секунд' })
  .min(0, { error: 'ttl не может быть отрицательным' })
  .optional()
  .describe(
    `Срок жизни токена в секундах, не больше ${MAX_ACCESS_TTL_SECONDS} (больше — урезается); 0 или нет — по умолчанию`,
  )

/** TWIN's IAM login body, as its PHP SDK sends it (`companyId` null or the company, `extra` an empty array). */
export const loginInputSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email({ error: 'Введите адрес почты' }).max(254),
  password: z.string().min(1, { error: 'Введите пароль' }).max(200),
  ttl: ttlSchema,
  companyId: z
    .union([z.string().max(100), z.number()])
    .nullish()
    .describe('Компания пользователя; другая — 401'),
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
  /** Signed in with a temporary password: the panel asks for a new one before anything else. */
  mustChangePassword: z.boolean().default(false),
})
export type Me = z.infer<typeof meSchema>

export const MIN_PASSWORD_LENGTH = 8
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: `Пароль — не короче ${MIN_PASSWORD_LENGTH} символов` })
  .max(200, { error: 'Пароль — не длиннее 200 символов' })

export const passwordChangeSchema = z
  .strictObject({
    oldPassword: z.string().min(1, { error: 'Введите текущий пароль' }).max(200),
    newPassword: passwordSchema,
  })
  .refine((v) => v.oldPassword !== v.newPassword, { path: ['newPassword'], error: 'Новый пароль совпадает с текущим' })
export type PasswordChange = z.infer<typeof passwordChangeSchema>

export const userNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Введите имя' })
  .max(200, { error: 'Имя — не длиннее 200 символов' })
export const profileInputSchema = z.strictObject({ name: userNameSchema })
export type ProfileInput = z.infer<typeof profileInputSchema>

/** `token` is the key TWIN's SDK reads the access token from; `authToken` is the same token. */
export const tokenPairSchema = z.object({ token: z.string(), authToken: z.string(), refreshToken: z.string() })
export const loginResultSchema = tokenPairSchema.extend({ user: meSchema })

export const refreshInputSchema = z.strictObject({ refreshToken: z.string().min(1).max(4000), ttl: ttlSchema })
export const logoutInputSchema = z.strictObject({ refreshToken: z.string().min(1).max(4000) })

/** The lifetimes the "Помощь API" page offers; `null` is a token without expiry (revoked by hand). */
export const API_TOKEN_TTL_DAYS = [30, 90, 365] as const
export const apiTokenInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Назовите токен' })
    .max(100, { error: 'Название — не длиннее 100 символов' })
    .default('API-токен')
    .describe('Для чего токен: «CRM», «Swagger»'),
  ttlDays: z
    .number()
    .int({ error: 'ttlDays — целое число дней' })
    .min(1, { error: 'ttlDays — от 1 до 365' })
    .max(365, { error: 'ttlDays — от 1 до 365' })
    .nullable()
    .default(30)
    .describe('Срок в днях; null — бессрочный'),
})
export type ApiTokenInput = z.input<typeof apiTokenInputSchema>

export const apiTokenInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdBy: userRefSchema.nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type ApiTokenInfo = z.infer<typeof apiTokenInfoSchema>
export const apiTokenListSchema = z.object({ items: z.array(apiTokenInfoSchema) })
/** The token itself is shown once, in this answer: only its hash is kept. */
export const apiTokenSchema = apiTokenInfoSchema.extend({ token: z.string() })
export const apiTokenParamsSchema = z.object({ tokenId: idSchema })

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
