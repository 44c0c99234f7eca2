import { resolve } from 'node:path'
import { createTokenService, resolveJwtSecret } from './modules/auth'
import { loadConfig } from './config'
import { openDatabase } from './db/client'
import { holdPresence } from './db/presence'
import { interruptOrphans } from './modules/batches'
import { createLocalBus, createPostgresBus } from './modules/events'
import { loggerOptions } from './http/log'
import { buildApp } from './app'
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from './seed/demo'

const startedAt = performance.now()
const list = (csv: string) =>
  csv
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
const config = loadConfig()
const database = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? null : config.DATA_DIR,
})
await database.migrate()

// This process's batches are its own from here on; those of a process that is gone are marked interrupted.
const presence = await holdPresence(database)
await interruptOrphans(database.db, presence.id)

// Demo data loads by itself only into the embedded database; a PostgreSQL deployment starts empty.
const seedDemo = config.SEED_DEMO ?? database.kind === 'pglite'
const seeded = seedDemo ? await seedDemoIfEmpty(database.db) : false

// The embedded database serves this process alone: its events need no LISTEN/NOTIFY round trip.
const bus =
  database.kind === 'postgres'
    ? await createPostgresBus(database.pool, (err) => console.error('event bus:', err))
    : createLocalBus()
const app = await buildApp({
  db: database.db,
  bus,
  tokens: createTokenService(resolveJwtSecret(config.JWT_SECRET, config.DATA_DIR)),
  accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_MINUTES * 60,
  loginRateLimit: config.LOGIN_RATE_LIMIT,
  instanceId: presence.id,
  webhookDelivery: { allowInternal: config.WEBHOOK_ALLOW_PRIVATE, soleProcess: database.kind === 'pglite' },
  corsOrigins: list(config.CORS_ORIGINS),
  panelApiOrigins: list(config.PANEL_API_ORIGINS),
  webRoot: resolve('dist'),
  logger: loggerOptions(config.LOG_LEVEL),
})

let closing = false
async function shutdown(signal: string) {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down')
  await app.close()
  await bus.close()
  await presence.release()
  await database.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ port: config.PORT, host: config.HOST })
const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`
const lines = [
  '',
  `  Kartoteka is running at ${url}  (${database.kind === 'pglite' ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL'}, ready in ${Math.round(performance.now() - startedAt)} ms${seeded ? ', demo data loaded' : ''})`,
  `  API docs (Swagger UI): ${url}/api/docs`,
]
if (seedDemo) {
  lines.push(
    `  Demo sign-ins (password ${DEMO_PASSWORD}):`,
    ...DEMO_USERS.map((u) => `    ${u.email.padEnd(24)} ${u.role}`),
  )
}
console.log(lines.join('\n') + '\n')
