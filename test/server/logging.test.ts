import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loggerOptions } from '../../src/server/log'
import { makeCompany, startTestApp, TEST_PASSWORD, type TestApp, type TestCompany } from '../support/app'

let t: TestApp
let c: TestCompany
let logged = ''
beforeAll(async () => {
  const stream = new PassThrough()
  stream.on('data', (chunk) => (logged += chunk))
  t = await startTestApp({ logger: loggerOptions('info', stream) })
  c = await makeCompany(t)
})
afterAll(() => t.close())

it('logs requests as JSON lines without passwords or tokens', async () => {
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: c.operator.email, password: TEST_PASSWORD } })
  await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: c.operator.auth })
  await t.app.inject({ method: 'GET', url: `/api/v1/events?token=${c.operator.token}x` })

  const lines = logged.trim().split('\n').map((line) => JSON.parse(line))
  expect(lines.some((l) => l.req?.url === '/api/v1/events?token=[redacted]')).toBe(true)
  expect(lines.some((l) => l.req?.url === '/api/v1/auth/me')).toBe(true)
  expect(logged).not.toContain(TEST_PASSWORD)
  expect(logged).not.toContain(c.operator.token)
})
