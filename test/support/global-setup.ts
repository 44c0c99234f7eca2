import { openPostgres } from '../../src/server/db/client'

/** On PostgreSQL the suites share one database: migrate it once before any test file starts. */
export default async function setup() {
  const url = process.env.DATABASE_URL
  if (!url) return
  const database = openPostgres(url)
  await database.migrate()
  await database.close()
}
