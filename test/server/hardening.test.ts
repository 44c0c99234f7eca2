import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { c, startTestApp, t, useTestApp } from '../support/app'
import { buildApp } from '../../src/server/app'
import { createLocalBus } from '../../src/server/modules/events'
import { call, expectBadInput } from '../support/api'

useTestApp({ listen: true })

/** A request over a real socket, as a browser or proxy sends it (inject would not run the HTTP parser). */
const raw = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(t.url)
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }))
    })
    req.on('error', reject)
    req.end()
  })
const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url')
const q = encodeURIComponent

describe('inputs the database cannot take are 400s naming the parameter', () => {
  it('moments before year 1', async () => {
    const session = (
      await call(t, c.admin, 'POST', '/sessions', { client: { externalId: 'hardening' }, message: 'Здравствуйте' })
    ).json()
    const year0 = q('0000-01-01T00:00:00Z')
    expectBadInput(await call(t, c.operator, 'GET', `/clients?updatedSince=${year0}`), 'querystring.updatedSince')
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?updatedSince=${q('+275760-09-13T00:00:00Z')}`),
      'querystring.updatedSince',
    )
    expectBadInput(await call(t, c.operator, 'GET', `/sessions?from=${year0}`), 'querystring.from')
    expectBadInput(await call(t, c.operator, 'GET', `/sessions?to=${q('0000-06-01T00:00:00')}`), 'querystring.to')
    expectBadInput(await call(t, c.admin, 'GET', `/chats?from=${year0}`), 'querystring.from')
    expectBadInput(await call(t, c.operator, 'GET', `/sessions/${session.id}/messages?to=${year0}`), 'querystring.to')
    expect((await call(t, c.operator, 'GET', `/clients?updatedSince=${q('9999-12-31T23:59:59Z')}`)).statusCode).toBe(
      200,
    )
  })

  it('cursors with a bad date or a NUL byte', async () => {
    const id = '00000000-0000-4000-8000-000000000000'
    expectBadInput(
      await call(
        t,
        c.operator,
        'GET',
        `/clients?sort=updatedAt&cursor=${cursor(['updatedAt', 'asc', '0000-01-01T00:00:00Z', id])}`,
      ),
      'querystring.cursor',
    )
    expectBadInput(
      await call(
        t,
        c.operator,
        'GET',
        `/clients?sort=updatedAt&cursor=${cursor(['updatedAt', 'asc', '2024-13-45', id])}`,
      ),
      'querystring.cursor',
    )
    expectBadInput(
      await call(t, c.operator, 'GET', `/clients?sort=name&cursor=${cursor(['name', 'asc', 'a\u0000b', id])}`),
      'querystring.cursor',
    )
  })

  it('the CSV export refuses a bad query with a JSON 400 before sending any of the file', async () => {
    const res = await call(t, c.operator, 'GET', `/clients/export.csv?updatedSince=${q('0000-01-01T00:00:00Z')}`)
    expectBadInput(res, 'querystring.updatedSince')
    expect(res.headers['content-type']).toContain('application/json')
  })
})

describe("Fastify's own refusals keep the contract's shape", () => {
  const auth = () => ({ authorization: c.operator.auth.authorization! })

  it('a path that does not decode, an over-long path parameter, oversized headers', async () => {
    for (const [path, status] of [
      ['/api/v1/clients/%E0%A4%A', 400],
      ['/api/v1/clients/%zz/attributes', 400],
      [`/api/v1/clients/${'x'.repeat(600)}`, 414],
    ] as const) {
      const res = await raw(path, auth())
      expect(res.status, path).toBe(status)
      expect(JSON.parse(res.body)).toMatchObject({ error: expect.any(String), details: [{ path: 'path' }] })
    }
    const big = await raw('/api/v1/sessions', { ...auth(), 'x-big': 'y'.repeat(20_000) })
    expect(big.status).toBe(431)
    expect(JSON.parse(big.body)).toMatchObject({
      error: 'Заголовки запроса слишком большие',
      details: [{ path: 'headers' }],
    })
  })

  it('HEAD /events answers at once, and still wants a token', async () => {
    const head = await raw('/api/v1/events', auth(), 'HEAD')
    expect(head).toMatchObject({ status: 200, body: '' })
    expect(head.type).toContain('text/event-stream')
    expect((await call(t, null, 'HEAD', '/events')).statusCode).toBe(401)
  })
})

describe('the panel files', () => {
  const webRoot = mkdtempSync(join(tmpdir(), 'kartoteka-web-'))
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }))

  it('sends index.html and the SPA fallback with no-cache, hashed assets as immutable', async () => {
    mkdirSync(join(webRoot, 'assets'))
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Kartoteka</title>')
    writeFileSync(join(webRoot, 'assets/index-abc123.js'), 'console.log(1)')
    const web = await startTestApp({ webRoot })
    try {
      const get = (url: string) => web.app.inject({ method: 'GET', url })
      for (const url of ['/', '/index.html', '/dialogs/123'])
        expect((await get(url)).headers['cache-control'], url).toBe('no-cache')
      expect((await get('/assets/index-abc123.js')).headers['cache-control']).toBe(
        'public, max-age=31536000, immutable',
      )
    } finally {
      await web.close()
    }
  })
})

describe('CORS_ORIGINS', () => {
  it('lets an allowed origin call every method the API has, and read its ETag; another origin gets no allowance', async () => {
    const app = await buildApp({
      db: t.db,
      bus: createLocalBus(),
      tokens: t.tokens,
      accessTokenTtlSeconds: 900,
      loginRateLimit: 1000,
      corsOrigins: ['https://crm.example.ru'],
    })
    const preflight = (origin: string, method: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/v1/clients/x',
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,if-match',
        },
      })
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
      const res = await preflight('https://crm.example.ru', method)
      expect(res.statusCode).toBe(204)
      expect(String(res.headers['access-control-allow-methods'])).toContain(method)
      expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('if-match')
    }
    expect((await preflight('https://evil.example', 'PATCH')).headers['access-control-allow-origin']).toBeUndefined()
    const read = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { ...c.operator.auth, origin: 'https://crm.example.ru' },
    })
    expect(String(read.headers['access-control-expose-headers'])).toContain('ETag')
    await app.close()
  })
})

describe('the OpenAPI document', () => {
  it("declares every operation's refusals in the contract's error shape", async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>
            security?: unknown[]
          }
        >
      >
      components: { schemas: Record<string, { properties: Record<string, unknown> }> }
    }
    expect(Object.keys(doc.components.schemas.Error!.properties)).toEqual(['error', 'details'])
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    )
    expect(operations.length).toBeGreaterThan(100)
    for (const { path, method, op } of operations) {
      const expected = [
        '400',
        '404',
        '409',
        ...(op.security?.length === 0 ? [] : ['401', '403']),
        ...(['post', 'put', 'patch'].includes(method) ? ['413'] : []),
      ]
      for (const code of expected) {
        expect(op.responses[code]?.content?.['application/json']?.schema.$ref, `${method} ${path} ${code}`).toBe(
          '#/components/schemas/Error',
        )
      }
    }
    expect(doc.paths['/auth/login']!.post!.responses['429']).toBeDefined()
  })
})
