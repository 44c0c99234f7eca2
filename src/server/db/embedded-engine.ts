import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { migrationsUpTo } from './migrations-folder'

/**
 * The embedded engine (PGlite 0.5, PostgreSQL 18) with settings for one small process: 8 MB of shared
 * buffers instead of PostgreSQL's 128 MB (the files it reads stay in the system's page cache anyway) and
 * 16 MB for index builds keep the idle database process under 200 MB: WASM memory, once grown, stays. pg_trgm backs the keyword search indexes; PGlite ships it but
 * loads only the extensions it is given.
 */
export function openEngine(dataDir: string | undefined) {
  return PGlite.create({
    dataDir,
    extensions: { pg_trgm },
    postgresqlconf: ['shared_buffers = 8MB', 'maintenance_work_mem = 16MB'],
  })
}

/** The major version PostgreSQL wrote the folder with, or null for a folder it has not made. */
const majorVersionOf = (dataDir: string) => {
  const file = join(dataDir, 'PG_VERSION')
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}

/** A folder still to be created, or one of the earlier engine to be upgraded (prepareFolder). */
export const needsPreparing = (dataDir: string) => [null, '17'].includes(majorVersionOf(dataDir))

/**
 * Creates the folder (initdb) or upgrades it. Both take far more memory than serving does, and WASM memory
 * is never given back: the database process runs this in a short-lived process of its own (embedded-process).
 */
export async function prepareFolder(dataDir: string, log: (line: string) => void) {
  if (majorVersionOf(dataDir) === '17') await upgradeFolder(dataDir, log)
  else await (await openEngine(dataDir)).close()
}

/**
 * A data folder of the earlier releases, written by PGlite 0.3 (PostgreSQL 17), does not open in this
 * engine. It is opened with the old engine (kept as the dependency `pglite-pg17`) and copied into a new
 * folder beside it: the same migrations first, then every table's rows with triggers and foreign-key checks
 * off (the rows are consistent already). Only when the copy is complete does the old folder become the
 * backup and the new one take its place; a copy that fails leaves the old folder where it was.
 */
async function upgradeFolder(dataDir: string, log: (line: string) => void) {
  const next = `${dataDir}-upgrading`
  const backup = `${dataDir}-pg17-backup-${new Date().toISOString().replace(/[:.]/g, '-')}`
  rmSync(next, { recursive: true, force: true })
  log(
    `Upgrading the embedded database in ${dataDir}: it was written by the earlier engine (PostgreSQL 17); copying it for the new one…`,
  )
  let summary: string
  try {
    summary = await copyInto(dataDir, next)
  } catch (err) {
    rmSync(next, { recursive: true, force: true })
    throw new Error(
      `Upgrading the embedded database failed; ${dataDir} is left as it was: ${err instanceof Error ? err.message : err}`,
    )
  }
  renameSync(dataDir, backup)
  renameSync(next, dataDir)
  log(`Upgraded: copied ${summary}. The earlier folder is kept as ${backup}; delete it once you no longer need it.`)
}

/** Copies the old engine's folder `from` into a new folder `to`: schema by migrations, rows by COPY. */
async function copyInto(from: string, to: string) {
  const { PGlite: OldPGlite } = await import('pglite-pg17')
  const { pg_trgm: oldTrgm } = await import('pglite-pg17/contrib/pg_trgm')
  const old = await OldPGlite.create({ dataDir: from, extensions: { pg_trgm: oldTrgm } })
  try {
    const fresh = await openEngine(to)
    try {
      const [{ applied }] = (
        await old.query<{ applied: number }>('SELECT count(*)::int AS applied FROM drizzle.__drizzle_migrations')
      ).rows as [{ applied: number }]
      await migrate(drizzle(fresh), { migrationsFolder: migrationsUpTo(applied) })
      const tables = (
        await old.query<{ name: string }>(
          `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
        )
      ).rows
      await fresh.exec('SET session_replication_role = replica')
      let rows = 0
      for (const { name } of tables) {
        const { blob } = await old.query(`COPY "${name}" TO '/dev/blob'`)
        if (blob) await fresh.query(`COPY "${name}" FROM '/dev/blob'`, [], { blob })
        rows += (await fresh.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)).rows[0]!.n
      }
      return `${tables.length} tables, ${rows} rows, at migration ${applied}`
    } finally {
      await fresh.close()
    }
  } finally {
    await old.close()
  }
}
