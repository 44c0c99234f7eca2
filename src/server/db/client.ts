import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { startEmbedded } from './embedded'
import { migrationsFolder } from './migrations-folder'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  /** Both databases are reached through a `pg` pool: the embedded one over its socket (db/embedded). */
  pool: pg.Pool
  migrate(migrationsFolder?: string): Promise<void>
  close(): Promise<void>
}

function overPool(kind: Database['kind'], pool: pg.Pool, close: () => Promise<void>): Database {
  const db = drizzlePg(pool, { schema })
  return {
    db: db as unknown as Db,
    kind,
    pool,
    migrate: (folder = migrationsFolder) => migratePg(db, { migrationsFolder: folder }),
    close,
  }
}

/** The embedded database (PGlite in its own process); `dataDir` null keeps it in memory (tests). */
export async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const embedded = await startEmbedded(dataDir ? join(dataDir, 'pglite') : null)
  return overPool('pglite', embedded.pool, embedded.close)
}

export function openPostgres(url: string): Database {
  // JIT off: the service's queries are short, and PostgreSQL would spend longer compiling the costlier ones
  // (an export's batches, a batch undo) than running them. No parallel workers either: starting them costs
  // more than a directory filter takes alone (at a million clients 55 ms alone, 300 ms with two workers),
  // and many operators' requests already keep the cores busy.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
  })
  return overPool('postgres', pool, () => pool.end())
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string | null }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir)
}
