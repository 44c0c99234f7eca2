import cluster from 'node:cluster'
import { resolve } from 'node:path'
import { createTokenService, resolveJwtSecret } from './modules/auth'
import { loadConfig, type Config } from './config'
import { openDatabase } from './db/client'
import { startMaintenance } from './db/maintenance'
import { holdPresence } from './db/presence'
import { interruptOrphans } from './modules/batches'
import { createLocalBus, createPostgresBus } from './modules/events'
import { loggerOptions } from './http/log'
import { buildApp } from './app'
import { READY, runPrimary } from './cluster'
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from './seed/demo'

const startedAt = performance.now()
const list = (csv: string) =>
  csv
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

let config: Config
try {
  config = loadConfig()
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}
if (config.WORKERS > 1 && !config.DATABASE_URL) {
  console.warn(
    `WORKERS=${config.WORKERS} needs PostgreSQL (DATABASE_URL): the embedded database serves one process, so one runs.`,
  )
}
const workers = config.DATABASE_URL ? config.WORKERS : 1
// Demo data loads by itself only into the embedded database; a PostgreSQL deployment starts empty.
const seedDemo = config.SEED_DEMO ?? !config.DATABASE_URL

function banner(o: { seeded: boolean; processes: number }) {
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`
  const where = config.DATABASE_URL
    ? `PostgreSQL${o.processes > 1 ? `, ${o.processes} service processes` : ''}`
    : `embedded database in ${config.DATA_DIR}`
  const lines = [
    '',
    `  Kartoteka is running at ${url}  (${where}, ready in ${Math.round(performance.now() - startedAt)} ms${o.seeded ? ', demo data loaded' : ''})`,
    `  API docs (Swagger UI): ${url}/api/docs`,
  ]
  if (seedDemo) {
    lines.push(
      `  Demo sign-ins (password ${DEMO_PASSWORD}):`,
      ...DEMO_USERS.map((u) => `    ${u.email.padEnd(24)} ${u.role}`),
    )
  }
  console.log(lines.join('\n') + '\n')
}

/** One service process: the database (migrated and seeded unless a primary did it), the app, the port. */
async function serve() {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? null : config.DATA_DIR,
  })
  if (!cluster.isWorker) await database.migrate()

  // This process's batches are its own from here on; those of a process that is gone are marked interrupted.
  const presence = await holdPresence(database)
  await interruptOrphans(database.db, presence.id)
  const seeded = seedDemo && !cluster.isWorker ? await seedDemoIfEmpty(database.db) : false

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

  const maintenance =
    database.kind === 'pglite' ? startMaintenance(database.pool, (err) => app.log.error({ err }, 'maintenance')) : null

  let closing = false
  async function shutdown(signal: string) {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    await maintenance?.close()
    await app.close()
    await bus.close()
    await presence.release()
    await database.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await app.listen({ port: config.PORT, host: config.HOST })
  if (cluster.isWorker) process.send!(READY)
  else banner({ seeded, processes: 1 })
}

if (workers > 1 && cluster.isPrimary) {
  await runPrimary({ config, workers, seedDemo, onReady: (seeded) => banner({ seeded, processes: workers }) })
} else {
  await serve()
}
