import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The committed migrations, next to this file in the sources and in the build (scripts/build-server.mjs). */
export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/** A copy of the migrations as a release that had applied the first `count` shipped them. */
export function migrationsUpTo(count: number) {
  const folder = join(mkdtempSync(join(tmpdir(), 'kartoteka-migrations-')), 'migrations')
  cpSync(migrationsFolder, folder, { recursive: true })
  const journalPath = join(folder, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] }
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }))
  return folder
}
