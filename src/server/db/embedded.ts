import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

/** Connections the service keeps to the embedded database: they take turns on its one backend (embedded-wire). */
export const EMBEDDED_POOL = 4
const PORT = 5432
/** Restarts of a database process that stopped, within RESTART_WINDOW_MS, before the service gives up. */
const MAX_RESTARTS = 3
const RESTART_WINDOW_MS = 60_000

/** Starts PGlite in a process of its own (db/embedded-process) on the socket, and waits until it serves. */
async function spawnDatabase(dataDir: string | null, socketPath: string): Promise<ChildProcess> {
  const self = fileURLToPath(import.meta.url)
  const entry = join(self, '..', `embedded-process${extname(self)}`)
  rmSync(socketPath, { force: true })
  const child = fork(entry, [], {
    env: { ...process.env, KARTOTEKA_EMBEDDED: JSON.stringify({ dataDir, socketPath }) },
    // Run from the sources (tsx) or from the build, whichever this file is. Its JavaScript only passes
    // messages on: a small young generation is enough and keeps the process lighter.
    execArgv: [...(extname(self) === '.ts' ? ['--import', 'tsx'] : []), '--max-semi-space-size=1'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', (m: { ready?: boolean; error?: string }) =>
      m.ready
        ? resolve()
        : reject(new Error(`The embedded database did not open${dataDir ? ` (${dataDir})` : ''}: ${m.error}`)),
    )
    child.once('exit', (code) =>
      reject(new Error(`The embedded database process exited with code ${code} while opening`)),
    )
  })
  return child
}

/**
 * Starts PGlite in its own process (db/embedded-process) and connects a `pg` pool to it over a Unix
 * socket. If that process dies, it is started again on the same folder (what it had committed is there),
 * and the pool reconnects; after MAX_RESTARTS within a minute the service says so in one line and exits,
 * so a supervisor restarts it, rather than hanging.
 */
export async function startEmbedded(
  dataDir: string | null,
  log: (line: string) => void = (line) => console.error(line),
) {
  const socketDir = mkdtempSync(join(tmpdir(), 'kartoteka-db-'))
  const socketPath = join(socketDir, `.s.PGSQL.${PORT}`)
  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true })
  let child = await spawnDatabase(dataDir, socketPath).catch((err) => {
    removeSocketDir()
    throw err
  })

  // PGlite asks for a password at start-up and takes any: the socket is reachable by this user alone.
  // Idle connections stay open: statements they prepared live on in the shared backend (db/raw).
  const pool = new pg.Pool({
    host: socketDir,
    port: PORT,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
    max: EMBEDDED_POOL,
    idleTimeoutMillis: 0,
  })
  // An idle connection whose database process went away: the pool drops it and opens another when asked.
  pool.on('error', () => {})

  let closing = false
  const restarts: number[] = []
  const watch = (running: ChildProcess) =>
    running.once('exit', (code, signal) => {
      if (closing) return
      const reason = signal ?? `exit code ${code}`
      const now = Date.now()
      restarts.push(now)
      while (restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift()
      if (restarts.length > MAX_RESTARTS) {
        log(
          `The embedded database process stopped (${reason}) ${restarts.length} times within a minute; the service cannot go on without it and stops.`,
        )
        removeSocketDir()
        process.exit(1)
      }
      log(
        `The embedded database process stopped (${reason}); starting it again (${restarts.length} of ${MAX_RESTARTS}).`,
      )
      spawnDatabase(dataDir, socketPath).then(
        (next) => {
          child = next
          watch(next)
          log('The embedded database process is back.')
        },
        (err: Error) => {
          log(`${err.message}; the service cannot go on without it and stops.`)
          removeSocketDir()
          process.exit(1)
        },
      )
    })
  watch(child)

  return {
    pool,
    /** The database process, for a supervisor (or a test) to watch. */
    get pid() {
      return child.pid
    },
    async close() {
      closing = true
      await pool.end()
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.send('close')
        await exited
      }
      removeSocketDir()
    },
  }
}
