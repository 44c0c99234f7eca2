import { sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/client'
import { rowsOf } from '../../db/raw'
import { arrayParam, columnList } from '../../db/sql-helpers'
import { importKeys } from '../../db/schema'

// Which row of an import first named a client (schema: import_keys). A row names it by its keys: its id,
// external ID, phone or e-mail, and the card it matched. The keys of a chunk's rows are claimed together in the
// chunk's transaction, then each row is checked in the file's order against the rows before it.

const k = importKeys

/** A row of the file and its keys. */
export type Named = { row: number; keys: string[] }

/**
 * Claims the keys of `rows` (in the file's order) for the import, and answers, for each row, the earlier row that
 * named one of its keys first (in an earlier chunk or earlier in this one), or undefined: the row goes on and
 * its keys are its own. A key that an unfinished chunk claimed waits for that chunk's transaction.
 */
export async function claimKeys(db: Db | Tx, importId: string, rows: Named[]): Promise<(number | undefined)[]> {
  const firstRow = new Map<string, number>()
  for (const { row, keys } of rows) for (const key of keys) if (!firstRow.has(key)) firstRow.set(key, row)
  if (!firstRow.size) return rows.map(() => undefined)
  const claimed = [...firstRow]
  const fresh = new Set(
    (
      await rowsOf<{ key: string }>(
        db,
        sql`INSERT INTO ${k} ${columnList(k.importId, k.key, k.row)}
          SELECT ${importId}::uuid, key, row FROM unnest(${arrayParam(
            claimed.map(([key]) => key),
            'text',
          )}, ${arrayParam(
            claimed.map(([, row]) => row),
            'int',
          )}) u(key, row)
          ON CONFLICT DO NOTHING RETURNING ${k.key} AS key`,
      )
    ).map((r) => r.key),
  )
  const taken = claimed.filter(([key]) => !fresh.has(key)).map(([key]) => key)
  /** Each key's row: an earlier chunk's, then this chunk's rows that go on. */
  const owner = new Map(
    taken.length
      ? (
          await rowsOf<{ key: string; row: number }>(
            db,
            sql`SELECT ${k.key} AS key, ${k.row} AS row FROM ${k} WHERE ${k.importId} = ${importId} AND ${k.key} = ANY(${arrayParam(taken, 'text')})`,
          )
        ).map((r) => [r.key, r.row])
      : [],
  )
  const repeats = rows.map(({ row, keys }) => {
    const earlier = keys.map((key) => owner.get(key)).find((n) => n !== undefined)
    if (earlier === undefined) for (const key of keys) owner.set(key, row)
    return earlier
  })
  // A key claimed for a row that turned out to repeat an earlier one belongs to the next row that goes on and
  // names it, or to none.
  const moved = claimed.filter(([key, row]) => fresh.has(key) && owner.get(key) !== row)
  if (moved.length) {
    await db.execute(
      sql`DELETE FROM ${k} WHERE ${k.importId} = ${importId} AND ${k.key} = ANY(${arrayParam(
        moved.map(([key]) => key),
        'text',
      )})`,
    )
    const kept = moved.filter(([key]) => owner.has(key))
    if (kept.length)
      await db.execute(sql`INSERT INTO ${k} ${columnList(k.importId, k.key, k.row)}
        SELECT ${importId}::uuid, key, row FROM unnest(${arrayParam(
          kept.map(([key]) => key),
          'text',
        )}, ${arrayParam(
          kept.map(([key]) => owner.get(key)),
          'int',
        )}) u(key, row)`)
  }
  return repeats
}

/** The import ended (done, failed, undone) or was a dry run: its keys go. */
export async function forgetKeys(db: Db | Tx, importId: string) {
  await db.execute(sql`DELETE FROM ${k} WHERE ${k.importId} = ${importId}`)
}
