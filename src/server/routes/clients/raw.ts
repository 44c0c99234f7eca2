import type { SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'

/**
 * Rows of a raw SQL statement, for the few queries the query builder cannot express well (unions,
 * window functions, JSON folding). Both drivers (node-postgres and PGlite) answer `{ rows }`, with
 * timestamps parsed to Dates and json to objects.
 */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows
}
