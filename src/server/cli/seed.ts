import { count } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { clients, companies, sessions } from '../db/schema'
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from '../seed/demo'
import { describeError } from './describe-error'

// npm run seed: loads the demo companies into the configured database, once.
try {
  const config = loadConfig()
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? null : config.DATA_DIR,
  })
  // The host and database name only: a DATABASE_URL may carry a password.
  const url = config.DATABASE_URL ? new URL(config.DATABASE_URL) : null
  const where = url ? `PostgreSQL ${url.host}${url.pathname}` : `the embedded database in ${config.DATA_DIR}`
  try {
    await database.migrate()
    const seeded = await seedDemoIfEmpty(database.db)
    const total = async (table: PgTable) => (await database.db.select({ n: count() }).from(table))[0]!.n
    const summary = `${await total(companies)} companies, ${await total(clients)} clients, ${await total(sessions)} dialogues`
    if (seeded) {
      console.log(
        [
          `Loaded the demo data into ${where}: ${summary}.`,
          `Sign in with (password ${DEMO_PASSWORD}):`,
          ...DEMO_USERS.map((u) => `  ${u.email.padEnd(24)} ${u.role}`),
        ].join('\n'),
      )
    } else {
      console.log(`Nothing loaded: ${where} already has data (${summary}).`)
    }
  } finally {
    await database.close()
  }
} catch (err) {
  console.error(`Seeding failed: ${describeError(err)}`)
  process.exitCode = 1
}
