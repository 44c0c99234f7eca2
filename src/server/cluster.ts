import cluster, { type Worker } from 'node:cluster'
import type { Config } from './config'
import { openDatabase } from './db/client'
import { seedDemoIfEmpty } from './seed/demo'

// `WORKERS=N` on PostgreSQL: this primary process migrates the database once, then runs N service processes
// that share the port (node:cluster hands each connection to one of them). They share nothing else in memory:
// events cross them through LISTEN/NOTIFY, sign-in limits and webhook deliveries through the database. A worker
// that dies is started again; SIGTERM stops them all.

/** A worker tells the primary it listens. */
export const READY = 'kartoteka:ready'

export async function runPrimary(o: {
  config: Config
  workers: number
  seedDemo: boolean
  /** Once every worker listens, with whether the demo data was loaded. */
  onReady: (seeded: boolean) => void
}) {
  const database = await openDatabase({ databaseUrl: o.config.DATABASE_URL, dataDir: null })
  await database.migrate()
  const seeded = o.seedDemo ? await seedDemoIfEmpty(database.db) : false
  await database.close()

  let stopping = false
  let ready = 0
  const fork = (): Worker => {
    const worker = cluster.fork()
    worker.on('message', (m) => {
      if (m === READY && ++ready === o.workers) o.onReady(seeded)
    })
    return worker
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    console.error(`service process ${worker.process.pid} stopped (${signal ?? `code ${code}`}): starting another`)
    fork()
  })
  for (let i = 0; i < o.workers; i++) fork()

  const stop = () => {
    if (stopping) return
    stopping = true
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w)
    let left = workers.length
    if (left === 0) process.exit(0)
    for (const w of workers) {
      w.once('exit', () => --left === 0 && process.exit(0))
      w.process.kill('SIGTERM')
    }
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
