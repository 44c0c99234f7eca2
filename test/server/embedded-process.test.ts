import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { startEmbedded } from '../../src/server/db/embedded'

it('stops the service with a clear line when the embedded database process dies, rather than hanging', { skip: Boolean(process.env.DATABASE_URL) }, async () => {
  const service = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../support/embedded-holder.ts')], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  service.stderr.on('data', (d) => (err += d))
  const exited = once(service, 'exit')
  const pid = await new Promise<number>((resolve) => service.stdout.on('data', (d) => {
    out += d
    const m = /database process (\d+)/.exec(out)
    if (m) resolve(Number(m[1]))
  }))
  process.kill(pid, 'SIGKILL')
  const [code] = await exited
  expect(code).toBe(1)
  expect(err).toContain('The embedded database process stopped (SIGKILL); the service cannot go on without it and stops.')
})

it('keeps nothing of the answers it has sent: the database process does not grow with each query', { skip: Boolean(process.env.DATABASE_URL), timeout: 120_000 }, async () => {
  const embedded = await startEmbedded(null)
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${embedded.pid}/status`, 'utf8'))![1]) / 1024
  try {
    const big = `SELECT repeat('ответ ', 20000) AS body`
    for (let i = 0; i < 500; i++) await embedded.pool.query(big)
    const before = rss()
    // 2,000 answers of 220 KB: 440 MB if the process kept them.
    for (let i = 0; i < 2000; i++) await embedded.pool.query(big)
    expect(rss() - before).toBeLessThan(150)
  } finally {
    await embedded.close()
  }
})
