// The embedded database's own process: PGlite behind a PostgreSQL socket (embedded-wire), so queries run off
// the service's event loop and the service reaches both databases through one driver (pg). Started by
// db/embedded.ts, which passes its settings in KARTOTEKA_EMBEDDED and waits for "ready". With --prepare it
// only creates or upgrades the data folder, and exits (prepareFolder).
import { spawnSync } from 'node:child_process'
import { needsPreparing, openEngine, prepareFolder } from './embedded-engine'
import { serveWire } from './embedded-wire'

const { dataDir, socketPath } = JSON.parse(process.env.KARTOTEKA_EMBEDDED ?? '{}') as {
  dataDir: string | null
  socketPath: string
}
const send = (message: object) => process.send?.(message)

if (process.argv.includes('--prepare')) {
  try {
    await prepareFolder(dataDir!, (line) => console.log(line))
    process.exit(0)
  } catch (err) {
    process.stderr.write(err instanceof Error ? err.message : String(err))
    process.exit(1)
  }
}

/** Runs --prepare in a process of its own; its failure, in its own words, fails the opening. */
function prepareApart() {
  const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--prepare'], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  if (run.status !== 0)
    throw new Error(run.stderr.trim() || `preparing the data folder failed (exit code ${run.status})`)
}

try {
  if (dataDir && needsPreparing(dataDir)) prepareApart()
  const db = await openEngine(dataDir ?? undefined)
  const server = await serveWire(db, socketPath)
  let stopping = false
  // Closing PGlite writes the data folder out whole: on a request, and when the service goes away.
  const stop = async () => {
    if (stopping) return
    stopping = true
    await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 1000))])
    await db.close()
    process.exit(0)
  }
  process.on('message', (m) => m === 'close' && void stop())
  process.on('disconnect', () => void stop())
  process.on('SIGINT', () => {})
  send({ ready: true })
} catch (err) {
  send({ error: err instanceof Error ? err.message : String(err) })
  process.exit(1)
}
