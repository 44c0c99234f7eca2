import { createHash } from 'node:crypto'
import { is, SQL, type Query } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type pg from 'pg'
import type { Db, Tx } from './client'

/**
 * Rows of a raw SQL statement, for the few queries the query builder cannot express well (unions,
 * window functions, JSON folding). Both drivers (node-postgres and PGlite) answer `{ rows }`, with
 * timestamps parsed to Dates and json to objects.
 */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows
}

const dialect = new PgDialect()
/** A statement as text and parameters, as the drivers take it. */
export const rendered = (query: SQL): Query => dialect.sqlToQuery(query)

/**
 * Statements one connection keeps prepared: a shape beyond them runs unnamed (planned each time), so filters
 * that make ever new statement texts cannot fill the database's memory with plans.
 */
const MAX_PREPARED = 32
const prepared = new WeakMap<pg.PoolClient, { id: number; names: Set<string> }>()
let nextConnectionId = 0

/**
 * Rows of one of the hottest statements, as a prepared statement named after its text on a connection of the
 * pool behind `db`, or on the transaction's own (both databases are reached through pg): planned once per
 * connection and statement shape, not on every request. The name carries the connection's number: the
 * embedded database's connections share one backend (db/embedded-wire). A statement already `rendered` skips
 * rendering.
 */
export async function preparedRows<T>(db: Db | Tx, query: SQL | Query): Promise<T[]> {
  const { sql: text, params: values } = is(query, SQL) ? rendered(query) : query
  // A transaction runs on the connection its session holds; the pool lends one for the statement.
  const held = (db as unknown as { session: { client: pg.PoolClient | pg.Pool } }).session.client
  const pool = 'release' in held ? null : held
  const client = pool ? await pool.connect() : (held as pg.PoolClient)
  try {
    let mine = prepared.get(client)
    if (!mine) prepared.set(client, (mine = { id: nextConnectionId++, names: new Set() }))
    const name = `${createHash('sha1').update(text).digest('base64url')}-${mine.id}`
    const named = mine.names.has(name) || (mine.names.size < MAX_PREPARED && mine.names.add(name))
    return (await client.query<T & pg.QueryResultRow>(named ? { name, text, values } : { text, values })).rows
  } finally {
    if (pool) client.release()
  }
}
