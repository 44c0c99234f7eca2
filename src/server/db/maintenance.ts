import type pg from 'pg'

// The embedded database has no autovacuum: PGlite runs PostgreSQL as a single process, without the background
// workers that reclaim dead rows and keep the planner's statistics. Without them its tables and indexes only
// grow (a delivered webhook, an updated value leave dead rows) and the planner keeps guessing from the sizes
// it saw at the start. This does their work: every HOUR, each table is vacuumed and analysed, one at a time
// so that requests go on between them. PostgreSQL does all this by itself.

const HOUR = 3_600_000

/** One pass: VACUUM (ANALYZE) of every table of the schema, one statement each. */
export async function maintainTables(pool: pg.Pool) {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )
  for (const { name } of rows) await pool.query(`VACUUM (ANALYZE) ${name}`)
  return rows.length
}

/** Runs a pass soon after the start (statistics for the planner) and then every hour; `close` stops it. */
export function startMaintenance(pool: pg.Pool, log: (err: unknown) => void, firstAfterMs = 60_000) {
  let running: Promise<unknown> = Promise.resolve()
  const pass = () => {
    running = running.then(() => maintainTables(pool)).catch(log)
  }
  const first = setTimeout(pass, firstAfterMs)
  const timer = setInterval(pass, HOUR)
  first.unref()
  timer.unref()
  return {
    async close() {
      clearTimeout(first)
      clearInterval(timer)
      await running
    },
  }
}
