import { PassThrough } from 'node:stream'
import { expect, it } from 'vitest'
import { loggerOptions } from '../../src/server/log'
import { c, t, TEST_PASSWORD, useTestApp } from '../support/app'

let logged = ''
const stream = new PassThrough()
stream.on('data', (chunk) => (logged += chunk))
useTestApp({ logger: loggerOptions('info', stream) })

it('logs writes and failures as JSON lines without passwords or tokens; successful reads only at debug', async () => {
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: c.operator.email, password: TEST_PASSWORD } })
  await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: c.operator.auth })
  await t.app.inject({ method: 'GET', url: `/api/v1/events?token=${c.operator.token}x` })

  const lines = logged.trim().split('\n').map((line) => JSON.parse(line))
  expect(lines.some((l) => l.req?.url === '/api/v1/events?token=[redacted]')).toBe(true)
  expect(lines.some((l) => l.req?.url === '/api/v1/auth/login' && l.res?.statusCode === 200)).toBe(true)
  expect(lines.some((l) => l.req?.url === '/api/v1/auth/me')).toBe(false)
  expect(logged).not.toContain(TEST_PASSWORD)
  expect(logged).not.toContain(c.operator.token)
})
