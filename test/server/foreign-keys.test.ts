import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rowsOf } from '../../src/server/db/raw'
import { t, useTestApp } from '../support/app'

useTestApp()

describe('deleting clients, dialogues and messages', () => {
  // Deleting a row looks up every row that names it, once per row deleted (an import's undo deletes a million
  // clients). Without a whole index on the naming column, each lookup reads the whole table: an undo that takes
  // two minutes took more than half an hour for want of one on comments.
  it('finds the rows that name them through an index in every table', async () => {
    const unindexed = await rowsOf<{ name: string }>(
      t.db,
      sql`SELECT c.conrelid::regclass || '.' || a.attname AS name
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid IN ('clients'::regclass, 'sessions'::regclass, 'messages'::regclass)
        AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = a.attnum
          AND (i.indpred IS NULL OR pg_get_expr(i.indpred, i.indrelid) LIKE '%' || a.attname || ' IS NOT NULL%'))
      ORDER BY 1`,
    )
    expect(unindexed.map((r) => r.name)).toEqual([])
  })
})
