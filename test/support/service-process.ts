import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { TEST_SECRET } from './app'

// The service as it runs for real (`npm start`, from the sources), in a process of its own that a test can
// kill with SIGKILL: for the promises that hold across a crash.

export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

/** Starts the service on `port` and `dataDir` (or DATABASE_URL), and waits until it answers. */
export async function startServiceProcess(o: { port: number; dataDir: string; env?: Record<string, string> }) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../../src/server/main.ts')],
    {
      env: {
        ...process.env,
        PORT: String(o.port),
        HOST: '127.0.0.1',
        DATA_DIR: o.dataDir,
        JWT_SECRET: TEST_SECRET,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
        ...o.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('Kartoteka is running') && resolve())
    child.once('exit', (code) => reject(new Error(`the service exited with code ${code} while starting`)))
  })
  return {
    child,
    /** SIGKILL, and wait until it is gone. */
    async kill() {
      const exited = once(child, 'exit')
      child.kill('SIGKILL')
      await exited
    },
  }
}
