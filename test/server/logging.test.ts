import { PassThrough } from 'node:stream'
import { expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { loggedError, loggerOptions } from '../../src/server/http/log'
import { c, t, TEST_PASSWORD, useTestApp } from '../support/app'

let logged = ''
const stream = new PassThrough()
stream.on('data', (chunk) => (logged += chunk))
useTestApp({ logger: loggerOptions('info', stream) })

it('logs writes and failures as JSON lines without passwords or tokens; successful reads only at debug', async () => {
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: c.operator.email, password: TEST_PASSWORD },
  })
  await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: c.operator.auth })
  // However the parameter is spelled, the token stays out of the log.
  for (const name of ['token', '%74oken', 'tok%65n']) {
    await t.app.inject({ method: 'GET', url: `/api/v1/events?${name}=${c.operator.token}x` })
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/sessions?${name}=${c.operator.token}x`,
      headers: c.operator.auth,
    })
  }

  // Nor does a token anywhere else in the address, however escaped.
  await t.app.inject({
    method: 'GET',
    url: `/api/v1/auth/me?Authorization=Bearer%20${c.operator.token}`,
    headers: c.operator.auth,
  })
  await t.app.inject({ method: 'GET', url: `/api/v1/events%3Ftoken=${c.operator.token}` })
  await t.app.inject({
    method: 'GET',
    url: `/api/v1/nowhere/${encodeURIComponent(encodeURIComponent(c.operator.token))}`,
  })

  const lines = logged
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  expect(lines.some((l) => l.req?.url === '/api/v1/events?[redacted]' && l.req?.route === '/api/v1/events')).toBe(true)
  expect(lines.some((l) => l.req?.url === '/api/v1/sessions?token=%5Bredacted%5D')).toBe(true)
  expect(lines.some((l) => l.req?.url === '/api/v1/auth/login' && l.res?.statusCode === 200)).toBe(true)
  expect(lines.some((l) => l.req?.url === '/api/v1/auth/me')).toBe(false)
  expect(logged).not.toContain(TEST_PASSWORD)
  expect(logged).not.toContain(c.operator.token)
})

it('logs a failed statement by its name and error, without the client data it carried', async () => {
  const secret = 'Иванова Мария +79161234567'
  const failure = await t.db.execute(sql`SELECT ${secret}::int`).catch((err: unknown) => err)
  const line = JSON.stringify(loggedError(failure))
  expect(line).toMatch(/"statement":"[\w-]{12}"/)
  expect(line).toContain('invalid input syntax for type integer')
  expect(line).not.toContain('Иванова')
  expect(line).not.toContain('79161234567')
})
