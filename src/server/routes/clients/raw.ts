import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type pg from 'pg'
import type { Db } from '../../db/client'

/**
 * Rows of a raw SQL statement, for the few queries the query builder cannot express well (unions,
 * window functions, JSON folding). Both drivers (node-postgres and PGlite) answer `{ rows }`, with
 * timestamps parsed to Dates and json to objects.
 */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows
}

const dialect = new PgDialect()
const connectionIds = new WeakMap<pg.PoolClient, number>()
let nextConnectionId = 0

/**
 * Rows of one of the hottest reads, as a named prepared statement on the pool behind `db` (both databases
 * are reached through pg): planned once per connection, with no query building per request. The name
 * carries the connection's number: the embedded database's connections share one backend (db/embedded-wire).
 */
export async function preparedRows<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const { sql: text, params: values } = dialect.sqlToQuery(query)
  const client = await (db as unknown as { $client: pg.Pool }).$client.connect()
  try {
    let id = connectionIds.get(client)
    if (id === undefined) connectionIds.set(client, (id = nextConnectionId++))
    return (await client.query<T & pg.QueryResultRow>({ name: `${name}-${id}`, text, values })).rows
  } finally {
    client.release()
  }
}
