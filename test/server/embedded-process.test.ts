import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { expect, it } from 'vitest'

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
