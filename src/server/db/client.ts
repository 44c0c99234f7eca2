import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  /** Present on PostgreSQL: the pool, so the event bus can hold a LISTEN connection. */
  pool?: pg.Pool
  migrate(): Promise<void>
  close(): Promise<void>
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/** `dataDir` null keeps PGlite in memory (tests); otherwise it persists under that folder. */
export function openPglite(dataDir: string | null): Database {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  // pg_trgm backs the keyword search indexes; PGlite ships it but loads only the extensions it is given.
  const client = new PGlite({ dataDir: dataDir ? join(dataDir, 'pglite') : undefined, extensions: { pg_trgm } })
  const db = drizzlePglite(client, { schema })
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  }
}

export function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  const db = drizzlePg(pool, { schema })
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    pool,
    migrate: () => migratePg(db, { migrationsFolder }),
    close: () => pool.end(),
  }
}

export function openDatabase(opts: { databaseUrl?: string; dataDir: string | null }): Database {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir)
}
