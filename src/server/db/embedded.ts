import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

/** Connections the service keeps to the embedded database: they take turns on its one backend (embedded-wire). */
export const EMBEDDED_POOL = 4
const PORT = 5432

/**
 * Starts PGlite in its own process (db/embedded-process) and connects a `pg` pool to it over a Unix
 * socket. If that process dies, the service cannot answer: it says so in one line and exits, so a
 * supervisor restarts it, rather than hanging.
 */
export async function startEmbedded(dataDir: string | null) {
  const socketDir = mkdtempSync(join(tmpdir(), 'kartoteka-db-'))
  const self = fileURLToPath(import.meta.url)
  const entry = join(self, '..', `embedded-process${extname(self)}`)
  const child = fork(entry, [], {
    env: { ...process.env, KARTOTEKA_EMBEDDED: JSON.stringify({ dataDir, socketPath: join(socketDir, `.s.PGSQL.${PORT}`) }) },
    // Run from the sources (tsx) or from the build, whichever this file is. Its JavaScript only passes
    // messages on: a small young generation is enough and keeps the process lighter.
    execArgv: [...(extname(self) === '.ts' ? ['--import', 'tsx'] : []), '--max-semi-space-size=1'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true })
  await new Promise<void>((resolve, reject) => {
    child.once('message', (m: { ready?: boolean; error?: string }) =>
      m.ready ? resolve() : reject(new Error(`The embedded database did not open${dataDir ? ` (${dataDir})` : ''}: ${m.error}`)))
    child.once('exit', (code) => reject(new Error(`The embedded database process exited with code ${code} while opening`)))
  }).catch((err) => { removeSocketDir(); throw err })

  let closing = false
  child.on('exit', (code, signal) => {
    removeSocketDir()
    if (closing) return
    console.error(`The embedded database process stopped (${signal ?? `exit code ${code}`}); the service cannot go on without it and stops.`)
    process.exit(1)
  })
  // PGlite asks for a password at start-up and takes any: the socket is reachable by this user alone.
  // Idle connections stay open: statements they prepared live on in the shared backend (clients/raw).
  const pool = new pg.Pool({
    host: socketDir, port: PORT, user: 'postgres', password: 'postgres', database: 'postgres', max: EMBEDDED_POOL, idleTimeoutMillis: 0,
  })
  return {
    pool,
    /** The database process, for a supervisor (or a test) to watch. */
    pid: child.pid,
    async close() {
      closing = true
      await pool.end()
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.send('close')
      await exited
    },
  }
}
