// The embedded database's own process: PGlite behind a PostgreSQL socket (embedded-wire), so queries run off
// the service's event loop and the service reaches both databases through one driver (pg). Started by
// db/embedded.ts, which passes its settings in KARTOTEKA_EMBEDDED and waits for "ready".
import { openEngine, upgradeFolder } from './embedded-engine'
import { serveWire } from './embedded-wire'

const { dataDir, socketPath } = JSON.parse(process.env.KARTOTEKA_EMBEDDED ?? '{}') as { dataDir: string | null; socketPath: string }
const send = (message: object) => process.send?.(message)

try {
  if (dataDir) await upgradeFolder(dataDir, (line) => console.log(line))
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
