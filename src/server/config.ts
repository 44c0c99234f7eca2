import { availableParallelism } from 'node:os'
import { z } from 'zod'

// An empty variable (`DATABASE_URL=`) means unset, as in most deployment tools.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: optional(z.string().url()),
  DATA_DIR: z.string().default('./data'),
  JWT_SECRET: optional(z.string().min(32, 'JWT_SECRET must be at least 32 characters')),
  SEED_DEMO: optional(z.stringbool()),
  CORS_ORIGINS: z.string().default(''),
  PANEL_API_ORIGINS: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACCESS_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(50),
  /** Webhooks may point at loopback, private and link-local addresses (tests, on-premise installs). */
  WEBHOOK_ALLOW_PRIVATE: z.stringbool().default(false),
  /** Service processes on one port (PostgreSQL): a whole number, or `auto` for one per core. */
  WORKERS: z.preprocess(
    (v) => (v === '' || v === undefined ? '1' : v),
    z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (v === 'auto') return availableParallelism()
        if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 64) return Number(v)
        ctx.issues.push({
          code: 'custom',
          input: v,
          message: `WORKERS must be a whole number from 1 to 64, or auto (got "${v}")`,
        })
        return z.NEVER
      }),
  ),
})

export type Config = z.infer<typeof envSchema>

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}
