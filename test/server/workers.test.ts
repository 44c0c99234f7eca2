import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import type { ChatEvent } from '@shared/events'
import { openDatabase } from '../../src/server/db/client'
import { rowsOf } from '../../src/server/db/raw'
import { createTokenService } from '../../src/server/modules/auth'
import { makeCompany, TEST_PASSWORD, TEST_SECRET, type TestApp } from '../support/app'
import { freePort, startServiceProcess } from '../support/service-process'

const dataDir = mkdtempSync(join(tmpdir(), 'kartoteka-workers-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** The service started with `env` until it prints its start line or exits: what it said, and its exit code. */
async function startOutput(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../src/server/main.ts')], {
    env: {
      ...process.env,
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = once(child, 'exit')
  await new Promise<void>((resolve) => {
    const read = (d: Buffer) => ((output += d), output.includes('Kartoteka is running') && resolve())
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    void exited.then(() => resolve())
  })
  const running = child.exitCode === null
  if (running) {
    child.kill('SIGTERM')
    await exited
  }
  return { output, running, code: child.exitCode }
}

describe('WORKERS', { timeout: 120_000 }, () => {
  it('refuses a count that is not a whole number from 1, with a clear line, before anything starts', async () => {
    for (const value of ['0', 'abc', '-1', '1.5']) {
      const started = await startOutput({ WORKERS: value, DATABASE_URL: '' })
      expect(started.running).toBe(false)
      expect(started.code).toBe(1)
      expect(started.output).toContain(`WORKERS must be a whole number from 1 to 64, or auto (got "${value}")`)
    }
  })

  it('runs one process on the embedded database, and says why', async () => {
    const started = await startOutput({ WORKERS: '2', DATABASE_URL: '' })
    expect(started.running).toBe(true)
    expect(started.output).toContain('the embedded database serves one process, so one runs')
    expect(started.output).toContain('embedded database in')
  })

  it.skipIf(!process.env.DATABASE_URL)(
    "two processes on one port: one serves an operator's event stream while the other takes a colleague's writes; sign-in limits count across them",
    async () => {
      const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: null })
      await database.migrate()
      const co = await makeCompany({ db: database.db, tokens: createTokenService(TEST_SECRET) } as unknown as TestApp)
      const port = await freePort()
      const service = await startServiceProcess({ port, dataDir, env: { WORKERS: '2' } })
      const url = `http://127.0.0.1:${port}/api/v1`
      try {
        // Both processes hold their presence in the database.
        const [live] = await rowsOf<{ n: number }>(
          database.db,
          sql`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`,
        )
        expect(live!.n).toBeGreaterThanOrEqual(2)

        const abort = new AbortController()
        const stream = await fetch(`${url}/events`, { headers: co.operator.auth, signal: abort.signal })
        expect(stream.status).toBe(200)
        const events: ChatEvent[] = []
        let connected = false
        void (async () => {
          const decoder = new TextDecoder()
          let buffer = ''
          try {
            const reader = stream.body!.getReader()
            for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
              buffer += decoder.decode(chunk.value, { stream: true })
              for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
                const frame = buffer.slice(0, end)
                connected ||= frame.includes(': connected')
                const data = frame.split('\n').find((l) => l.startsWith('data: '))
                buffer = buffer.slice(end + 2)
                if (data) events.push(JSON.parse(data.slice(6)))
              }
            }
          } catch {
            // aborted
          }
        })()
        // Twenty clients are made, each over a new connection, so the two processes take turns: every one
        // reaches the operator's stream, whichever process made it.
        await expect.poll(() => connected).toBe(true)
        const made: string[] = []
        for (let i = 0; i < 20; i++) {
          const res = await fetch(`${url}/clients`, {
            method: 'POST',
            headers: { ...co.supervisor.auth, 'content-type': 'application/json', connection: 'close' },
            body: JSON.stringify({ name: `Клиент ${i}` }),
          })
          expect(res.status).toBe(201)
          made.push(((await res.json()) as { id: string }).id)
        }
        await expect
          .poll(() => made.filter((id) => events.some((e) => 'clientId' in e && e.clientId === id)).length, {
            timeout: 15_000,
            interval: 100,
          })
          .toBe(20)
        abort.abort()

        // Five wrong passwords, whichever process hears them, lock the account on both.
        const login = (password: string) =>
          fetch(`${url}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', connection: 'close' },
            body: JSON.stringify({ email: co.admin.email, password }),
          })
        for (let i = 0; i < 5; i++) expect((await login('wrong-password')).status).toBe(401)
        for (let i = 0; i < 4; i++) expect((await login(TEST_PASSWORD)).status).toBe(429)
      } finally {
        const exited = once(service.child, 'exit')
        service.child.kill('SIGTERM')
        await exited
        await database.close()
      }
    },
  )
})
