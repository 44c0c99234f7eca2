import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BODY_LIMIT } from '../../src/server/app'
import { MAX_MESSAGE_LENGTH } from '@shared/sessions'
import { c, makeCompany, startTestApp, t, TEST_PASSWORD, useTestApp } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'

useTestApp()

describe('another company', () => {
  it("answers 404 to a token of company A asking for company B's client, session and messages", async () => {
    const b = await makeCompany(t)
    const session = await startDialogue(t, b.operator, { externalId: `ext-${randomUUID()}`, name: 'Клиент Б' })
    const asA = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) =>
      call(t, c.admin, method, path, payload)

    for (const res of [
      await asA('GET', `/clients/${session.clientId}`),
      await asA('PATCH', `/clients/${session.clientId}`, { name: 'Взлом' }),
      await asA('GET', `/clients/${session.clientId}/sessions`),
      await asA('GET', `/clients/${session.clientId}/messages`),
      await asA('GET', `/sessions/${session.id}`),
      await asA('GET', `/sessions/${session.id}/messages`),
      await asA('POST', `/sessions/${session.id}/operators/messages`, { body: 'чужой ответ' }),
      await asA('POST', `/sessions/${session.id}/clients/messages`, { body: 'чужое сообщение' }),
      await asA('POST', `/sessions/${session.id}/read`),
      await asA('DELETE', `/sessions/${session.id}`),
      // a transfer of B's dialogue, to A's own operator
      await asA('PATCH', `/sessions/${session.id}/operators/${c.operator.id}`),
    ])
      expectError(res, 404)

    // Nothing of B's is visible in A's lists, and nothing was changed.
    expect((await asA('GET', '/clients?keyword=Клиент Б')).json().count).toBe(0)
    expect((await asA('GET', `/sessions?clientId=${session.clientId}`)).json().count).toBe(0)
    const stillB = (await call(t, b.operator, 'GET', `/sessions/${session.id}`)).json()
    expect(stillB).toMatchObject({
      status: 'open',
      operatorId: null,
      unreadClientMessageCount: 1,
      client: { name: 'Клиент Б' },
    })
  })

  it('matches a returning client by externalId only within the same company', async () => {
    const b = await makeCompany(t)
    const externalId = `ext-${randomUUID()}`
    const inA = await startDialogue(t, c.operator, { externalId, name: 'Клиент А' })
    const inB = await startDialogue(t, b.operator, { externalId })
    expect(inB.clientId).not.toBe(inA.clientId)
    expect(inB.client.name).toBeNull()
  })
})

describe('roles', () => {
  it('answers 403 to an operator calling an admin route', async () => {
    expectError(await call(t, c.operator, 'POST', '/auth/api-tokens', {}), 403)
    expectError(await call(t, c.supervisor, 'POST', '/auth/api-tokens', {}), 403)
  })
})

describe('malformed requests', () => {
  it('answers malformed JSON with 400 in the contract shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: { ...c.operator.auth, 'content-type': 'application/json' },
      payload: '{"name": "Иван",',
    })
    expectBadInput(res, 'body')
  })

  it('takes an empty body sent as application/json as no body, and refuses JSON prototype poisoning', async () => {
    const session = await startDialogue(t, c.operator, { externalId: `empty-${Date.now()}` })
    const headers = { ...c.operator.auth, 'content-type': 'application/json' }
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/read`,
      headers,
      payload: '',
    })
    expect(read.statusCode, read.body).toBe(204)
    const closed = await t.app.inject({ method: 'DELETE', url: `/api/v1/sessions/${session.id}`, headers })
    expect(closed.statusCode, closed.body).toBe(200)
    const poisoned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers,
      payload: '{"__proto__": {"x": 1}}',
    })
    expectError(poisoned, 400)
  })

  it('answers a body that is not JSON with 400 or 415 in the contract shape', async () => {
    const send = (contentType: string, payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/clients',
        headers: { ...c.operator.auth, 'content-type': contentType },
        payload,
      })
    expectBadInput(await send('text/plain', 'name=Иван'), 'body')
    expectError(await send('application/xml', '<client><name>Иван</name></client>'), 415)
  })

  it('answers unknown fields with 400 naming the field', async () => {
    const body = expectError(await call(t, c.operator, 'POST', '/clients', { name: 'Иван', isAdmin: true }), 400)
    expect(body.error).toContain('isAdmin')
    const login = expectError(
      await call(t, null, 'POST', '/auth/login', { email: c.admin.email, password: TEST_PASSWORD, role: 'admin' }),
      400,
    )
    expect(login.error).toContain('role')
    const query = expectError(await call(t, c.operator, 'GET', '/sessions?sort=desc'), 400)
    expect(query.error).toContain('sort')
  })

  it('answers a body over the limit with 413, not 500', async () => {
    const res = await call(t, c.operator, 'POST', '/clients', {
      name: 'Иван',
      metadata: { note: 'x'.repeat(BODY_LIMIT) },
    })
    expectError(res, 413)
  })

  it('refuses text the database cannot store (NUL, a lone surrogate, very deep nesting) with 400 naming the field', async () => {
    const session = await startDialogue(t, c.operator, { externalId: `ext-${randomUUID()}` })
    expectBadInput(await call(t, c.operator, 'POST', '/clients', { name: 'Иван\u0000' }), 'body.name')
    expectBadInput(
      await call(t, c.operator, 'POST', '/clients', { metadata: { note: 'a\ud800b' } }),
      'body.metadata.note',
    )
    expectBadInput(
      await call(t, c.operator, 'POST', `/sessions/${session.id}/operators/messages`, { body: 'a\u0000b' }),
      'body.body',
    )
    expectBadInput(await call(t, c.operator, 'GET', '/sessions?keyword=%00'), 'querystring.keyword')
    expectBadInput(await call(t, c.operator, 'GET', '/clients?keyword=%00'), 'querystring.keyword')
    const deep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: { ...c.operator.auth, 'content-type': 'application/json' },
      payload: `{"metadata":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    })
    expectError(deep, 400)
    // Emoji and other characters outside the BMP are fine.
    expect(
      (await call(t, c.operator, 'POST', '/clients', { name: 'Иван 😀', metadata: { a: { b: { c: 1 } } } })).statusCode,
    ).toBe(201)
  })

  it('answers limit=100000 and a negative offset with 400 naming the parameter', async () => {
    expectBadInput(await call(t, c.operator, 'GET', '/clients?limit=100000'), 'querystring.limit')
    expectBadInput(await call(t, c.operator, 'GET', '/sessions?limit=100000'), 'querystring.limit')
    expectBadInput(await call(t, c.operator, 'GET', '/clients?offset=-1'), 'querystring.offset')
    expectBadInput(await call(t, c.operator, 'GET', '/sessions?offset=-5'), 'querystring.offset')
    expectBadInput(await call(t, c.operator, 'GET', '/sessions?limit=abc'), 'querystring.limit')
    expectBadInput(await call(t, c.operator, 'GET', '/sessions?status=archived'), 'querystring.status')
  })

  it('answers non-uuid ids with 400 naming the parameter', async () => {
    // {clientId} may be a client's external ID: one that is no client is 404, not 400.
    expectError(await call(t, c.operator, 'GET', '/clients/123'), 404)
    expectBadInput(await call(t, c.operator, 'GET', '/sessions/not-a-uuid'), 'params.sessionId')
    expectBadInput(await call(t, c.operator, 'GET', "/sessions/1' OR '1'='1/messages"), 'params.sessionId')
    expectBadInput(await call(t, c.operator, 'PATCH', `/sessions/${randomUUID()}/operators/bob`), 'params.operatorId')
    expectBadInput(await call(t, c.operator, 'GET', '/sessions?operatorId=bob'), 'querystring.operatorId')
  })

  it('answers unknown ids and unknown routes with 404 in the contract shape', async () => {
    expectError(await call(t, c.operator, 'GET', `/clients/${randomUUID()}`), 404)
    expectError(await call(t, c.operator, 'GET', `/sessions/${randomUUID()}/messages`), 404)
    expectError(await call(t, c.operator, 'GET', '/no-such-route'), 404)
    expectError(await call(t, null, 'GET', '/no-such-route'), 404)
    expectError(await t.app.inject({ method: 'GET', url: '/api/nothing' }), 404)
    expectError(await call(t, c.operator, 'PUT', '/clients'), 404)
  })

  it('answers a missing token on a protected route with 401 in the contract shape', async () => {
    expectError(await call(t, null, 'GET', '/clients'), 401)
    expectError(await call(t, { auth: { authorization: 'Basic YWRtaW46YWRtaW4=' } }, 'GET', '/sessions'), 401)
  })
})

describe('message bodies', () => {
  const post = async (body: unknown) => {
    const session = await startDialogue(t, c.operator, { externalId: `ext-${randomUUID()}` })
    return call(t, c.operator, 'POST', `/sessions/${session.id}/operators/messages`, { body })
  }

  it('refuses an empty or blank message with 400 naming body.body', async () => {
    expectBadInput(await post(''), 'body.body')
    expectBadInput(await post('  \n\t '), 'body.body')
    expectBadInput(await post(null), 'body.body')
    expectBadInput(
      await call(t, c.operator, 'POST', '/sessions', { client: { externalId: 'x' }, message: ' ' }),
      'body.message',
    )
  })

  it(`accepts ${MAX_MESSAGE_LENGTH} characters and refuses ${MAX_MESSAGE_LENGTH + 1} with a clear error`, async () => {
    const atCap = await post('я'.repeat(MAX_MESSAGE_LENGTH))
    expect(atCap.statusCode).toBe(201)
    expect(atCap.json().body).toHaveLength(MAX_MESSAGE_LENGTH)

    const over = expectBadInput(await post('я'.repeat(MAX_MESSAGE_LENGTH + 1)), 'body.body')
    expect(over.error).toContain('body.body')
    expect(over.error).toContain(String(MAX_MESSAGE_LENGTH))
  })

  it('refuses a message of 10,000 characters with a 400 naming the cap, not a 413 or 500', async () => {
    const res = expectBadInput(await post('ж'.repeat(10_000)), 'body.body')
    expect(res.error).toContain(String(MAX_MESSAGE_LENGTH))
    // Even 10,000 four-byte characters stay under the body limit and get the same clear answer.
    expectBadInput(await post('😀'.repeat(10_000)), 'body.body')
    expectBadInput(
      await call(t, c.operator, 'POST', '/sessions', { client: { externalId: 'x' }, message: 'ж'.repeat(10_000) }),
      'body.message',
    )
  })
})

describe('sign-in rate limit', () => {
  it('answers too many sign-in attempts with 429 in the contract shape', async () => {
    const limited = await startTestApp({ loginRateLimit: 3 })
    try {
      // An address of its own: on PostgreSQL the counters are shared with every other test process.
      const remoteAddress = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          payload: { email: `nobody-${remoteAddress}@test.ru`, password: 'wrong-password' },
        })
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401)
      const res = await attempt()
      expectError(res, 429)
      expect(res.headers['retry-after']).toBeDefined()
    } finally {
      await limited.close()
    }
  })
})
