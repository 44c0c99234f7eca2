import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { preparedRows, rowsOf } from '../../src/server/db/raw'
import { t, useTestApp } from '../support/app'

useTestApp()

it('answers statements of every shape, and keeps at most 32 of them prepared on a connection, however many shapes filters make', async () => {
  const shapes = Array.from(
    { length: 40 },
    (_, i) => sql`SELECT ${i}::int AS n, ${sql.raw(`'prepared-cap ${i}'`)} AS shape`,
  )
  for (const round of [1, 2]) {
    for (const [i, shape] of shapes.entries()) {
      expect(await preparedRows(t.db, shape), `round ${round}`).toEqual([{ n: i, shape: `prepared-cap ${i}` }])
    }
  }
  const [kept] = await rowsOf<{ n: number }>(
    t.db,
    sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%prepared-cap%'`,
  )
  expect(kept!.n).toBeGreaterThan(0)
  expect(kept!.n).toBeLessThanOrEqual(32)
})
