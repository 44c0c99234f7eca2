import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../src/server/app'
import { apiTokens, authAttempts, refreshTokens, users } from '../../src/server/db/schema'
import { createLocalBus } from '../../src/server/modules/events'
import { c, makeCompany, t, TEST_PASSWORD, useTestApp } from '../support/app'
import { call, type Caller, expectBadInput, expectError } from '../support/api'

useTestApp({ listen: true })
afterEach(() => vi.useRealTimers())

const bearer = (token: string): Caller => ({ auth: { authorization: `Bearer ${token}` } })
const login = (email: string, password: string) => call(t, null, 'POST', '/auth/login', { email, password })
/** Moves the clock past the 5 s for which a process trusts what it read about a user or token. */
const afterFiveSeconds = () => vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 5_100 })

describe('users (admin "Сотрудники")', () => {
  it('adds a member with a temporary password, who must choose their own before anything else', async () => {
    const suffix = crypto.randomUUID().slice(0, 8)
    const email = `new.one-${suffix}@test.ru`
    const created = await call(t, c.admin, 'POST', '/users', {
      name: 'Новая Сотрудница',
      email: ` New.One-${suffix}@Test.ru `,
      role: 'operator',
    })
    expect(created.statusCode, created.body).toBe(201)
    const { user, temporaryPassword } = created.json() as {
      user: { id: string; email: string }
      temporaryPassword: string
    }
    expect(user).toMatchObject({ email, role: 'operator', active: true, mustChangePassword: true })
    expect((await call(t, c.admin, 'GET', '/users')).json().items.map((u: { id: string }) => u.id)).toContain(user.id)

    const first = await login(email, temporaryPassword)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().user.mustChangePassword).toBe(true)
    const temp = bearer(first.json().token)
    expectError(await call(t, temp, 'GET', '/sessions'), 403)
    expect((await call(t, temp, 'GET', '/auth/me')).statusCode).toBe(200)

    expectBadInput(
      await call(t, temp, 'POST', '/auth/password', { oldPassword: temporaryPassword, newPassword: 'short' }),
      'body.newPassword',
    )
    expectBadInput(
      await call(t, temp, 'POST', '/auth/password', { oldPassword: 'wrong-one', newPassword: 'my-own-password' }),
      'body.oldPassword',
    )
    const changed = await call(t, temp, 'POST', '/auth/password', {
      oldPassword: temporaryPassword,
      newPassword: 'my-own-password',
    })
    expect(changed.statusCode, changed.body).toBe(200)
    // The session of the temporary password is over; the new pair works.
    expectError(await call(t, temp, 'GET', '/auth/me'), 401)
    expect((await call(t, bearer(changed.json().token), 'GET', '/sessions')).statusCode).toBe(200)
    expect((await login(email, 'my-own-password')).json().user.mustChangePassword).toBe(false)
  })

  it('answers bad input with the field, and a taken email with 409', async () => {
    expectBadInput(
      await call(t, c.admin, 'POST', '/users', { name: 'X', email: 'x@test.ru', role: 'boss' }),
      'body.role',
    )
    expectBadInput(
      await call(t, c.admin, 'POST', '/users', { name: ' ', email: 'x@test.ru', role: 'operator' }),
      'body.name',
    )
    const taken = await call(t, c.admin, 'POST', '/users', {
      name: 'Двойник',
      email: c.operator.email,
      role: 'operator',
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().details).toEqual([{ path: 'body.email', message: 'Почта уже занята' }])
    expectError(await call(t, c.supervisor, 'GET', '/users'), 403)
    const stranger = await makeCompany(t)
    expectError(await call(t, c.admin, 'PATCH', `/users/${stranger.operator.id}`, { name: 'Чужой' }), 404)
  })

  it('demoting an admin holding an API token: the next admin call is 403', async () => {
    const co = await makeCompany(t)
    const issued = await call(t, co.admin, 'POST', '/auth/api-tokens', { name: 'CRM' })
    const token = bearer(issued.json().token)
    expect((await call(t, token, 'GET', '/users')).statusCode).toBe(200)
    // A second admin, so that the first may be demoted.
    expect((await call(t, co.admin, 'PATCH', `/users/${co.supervisor.id}`, { role: 'admin' })).statusCode).toBe(200)
    expect(
      (await call(t, bearer(co.supervisor.token), 'PATCH', `/users/${co.admin.id}`, { role: 'operator' })).statusCode,
    ).toBe(200)
    expectError(await call(t, token, 'GET', '/users'), 403)
    expect((await call(t, token, 'GET', '/sessions')).statusCode).toBe(200)
  })

  it('deactivating a user: sign-in refused, every token 401, the event stream closes', async () => {
    const co = await makeCompany(t)
    const stream = await fetch(`${t.url}/api/v1/events`, { headers: co.operator.auth })
    const reader = stream.body!.getReader()
    await reader.read()
    expect((await call(t, co.admin, 'PATCH', `/users/${co.operator.id}`, { active: false })).json().active).toBe(false)
    expectError(await call(t, co.operator, 'GET', '/sessions'), 401)
    expectError(await login(co.operator.email, TEST_PASSWORD), 401)
    // The stream notices within its recheck (5 s) and ends; the panel would reconnect and be refused.
    let done = false
    while (!done) done = (await reader.read()).done
    expect(done).toBe(true)

    expect((await call(t, co.admin, 'PATCH', `/users/${co.operator.id}`, { active: true })).statusCode).toBe(200)
    expect((await login(co.operator.email, TEST_PASSWORD)).statusCode).toBe(200)
  }, 15_000)

  it('keeps the last active admin: demoting or deactivating them is 409, nothing changes', async () => {
    const co = await makeCompany(t)
    const demote = await call(t, co.admin, 'PATCH', `/users/${co.admin.id}`, { role: 'supervisor' })
    expect(demote.statusCode).toBe(409)
    expect(demote.json().details[0].path).toBe('body.role')
    expect((await call(t, co.admin, 'PATCH', `/users/${co.admin.id}`, { active: false })).statusCode).toBe(409)
    const [row] = await t.db.select().from(users).where(eq(users.id, co.admin.id))
    expect(row).toMatchObject({ role: 'admin', active: true })
  })

  it("a deleted user's token is 401 everywhere, value writes included, never 500", async () => {
    const co = await makeCompany(t)
    const client = await call(t, co.admin, 'POST', '/clients', { name: 'Клиент' })
    await t.db.delete(users).where(eq(users.id, co.operator.id))
    afterFiveSeconds()
    expectError(await call(t, co.operator, 'GET', '/sessions'), 401)
    expectError(
      await call(t, co.operator, 'POST', `/clients/${client.json().id}/attributes/${crypto.randomUUID()}`, {
        value: 'x',
      }),
      401,
    )
  })

  it('a password reset ends every session and asks for a new password at sign-in', async () => {
    const co = await makeCompany(t)
    const reset = await call(t, co.admin, 'POST', `/users/${co.operator.id}/password-reset`)
    expect(reset.statusCode).toBe(200)
    expectError(await call(t, co.operator, 'GET', '/auth/me'), 401)
    expectError(await login(co.operator.email, TEST_PASSWORD), 401)
    expect((await login(co.operator.email, reset.json().temporaryPassword)).json().user.mustChangePassword).toBe(true)
  })

  it('lets everyone rename themselves', async () => {
    const renamed = await call(t, c.operator, 'PATCH', '/auth/me', { name: '  Ольга  ' })
    expect(renamed.json().name).toBe('Ольга')
    expectBadInput(await call(t, c.operator, 'PATCH', '/auth/me', { name: '' }), 'body.name')
  })
})

describe('API tokens', () => {
  it('lists, with creator and last use, keeps only a hash, and revoked means 401', async () => {
    const co = await makeCompany(t)
    const issued = await call(t, co.admin, 'POST', '/auth/api-tokens', { name: 'CRM', ttlDays: 90 })
    expect(issued.statusCode, issued.body).toBe(201)
    const { id, token } = issued.json() as { id: string; token: string }
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id))
    expect(row!.tokenHash).not.toContain(token)
    expect(JSON.stringify(row)).not.toContain(token)

    expect((await call(t, bearer(token), 'GET', '/sessions')).statusCode).toBe(200)
    const [listed] = (await call(t, co.admin, 'GET', '/auth/api-tokens')).json().items
    expect(listed).toMatchObject({ id, name: 'CRM', createdBy: { id: co.admin.id }, revokedAt: null })
    expect(listed.lastUsedAt).not.toBeNull()
    expect(Date.parse(listed.expiresAt) - Date.parse(listed.createdAt)).toBeCloseTo(90 * 86_400_000, -5)

    expect((await call(t, co.admin, 'DELETE', `/auth/api-tokens/${id}`)).json().revokedAt).not.toBeNull()
    expectError(await call(t, bearer(token), 'GET', '/sessions'), 401)
    // Another company's admin cannot see or revoke it.
    expectError(await call(t, c.admin, 'DELETE', `/auth/api-tokens/${id}`), 404)
    expect(
      (await call(t, c.admin, 'GET', '/auth/api-tokens')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(id)
  })

  it('takes 30, 90, 365 days or none, and names bad input', async () => {
    const forever = await call(t, c.admin, 'POST', '/auth/api-tokens', { name: 'Вечный', ttlDays: null })
    expect(forever.json().expiresAt).toBeNull()
    expectBadInput(await call(t, c.admin, 'POST', '/auth/api-tokens', { ttlDays: 0 }), 'body.ttlDays')
    expectBadInput(await call(t, c.admin, 'POST', '/auth/api-tokens', { name: '' }), 'body.name')
    expectError(await call(t, c.admin, 'DELETE', '/auth/api-tokens/not-a-uuid'), 400)
  })

  it('revoked on one process: refused by another sharing the database within 5 s', async () => {
    const other = await buildApp({
      db: t.db,
      bus: createLocalBus(),
      tokens: t.tokens,
      accessTokenTtlSeconds: 900,
      loginRateLimit: 1000,
    })
    const issued = (await call(t, c.admin, 'POST', '/auth/api-tokens', { name: 'Два процесса' })).json() as {
      id: string
      token: string
    }
    const onOther = () =>
      other.inject({ method: 'GET', url: '/api/v1/sessions', headers: { authorization: `Bearer ${issued.token}` } })
    expect((await onOther()).statusCode).toBe(200)
    expect((await call(t, c.admin, 'DELETE', `/auth/api-tokens/${issued.id}`)).statusCode).toBe(200)
    afterFiveSeconds()
    expect((await onOther()).statusCode).toBe(401)
    await other.close()
  })
})

describe('refresh tokens', () => {
  const signIn = async () =>
    (await login(c.operator.email, TEST_PASSWORD)).json() as { token: string; refreshToken: string }
  const refresh = (refreshToken: string) => call(t, null, 'POST', '/auth/refresh', { refreshToken })

  it('rotate; one used twice revokes its family', async () => {
    const first = await signIn()
    const second = await refresh(first.refreshToken)
    expect(second.statusCode, second.body).toBe(200)
    expect(second.json().refreshToken).not.toBe(first.refreshToken)
    // Two tabs refreshing at once are not a theft: within seconds the same token gets a pair too.
    expect((await refresh(first.refreshToken)).statusCode).toBe(200)

    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 20_000 })
    expectError(await refresh(first.refreshToken), 401)
    expectError(await refresh(second.json().refreshToken), 401)
  })

  it('a sign-in sweeps out refresh tokens past their expiry', async () => {
    const stale = await signIn()
    await t.db
      .update(refreshTokens)
      .set({ expiresAt: sql`now() - interval '1 day'` })
      .where(eq(refreshTokens.userId, c.operator.id))
    await signIn()
    expectError(await refresh(stale.refreshToken), 401)
    expect(await t.db.$count(refreshTokens, sql`${refreshTokens.expiresAt} < now()`)).toBe(0)
  })

  it('signing out revokes the refresh token', async () => {
    const session = await signIn()
    const out = await call(t, null, 'POST', '/auth/logout', { refreshToken: session.refreshToken })
    expect(out.statusCode).toBe(204)
    expectError(await refresh(session.refreshToken), 401)
    expect((await call(t, null, 'POST', '/auth/logout', { refreshToken: 'not-a-token' })).statusCode).toBe(204)
  })

  it("signing out ends that sign-in's access tokens too, at once here and within 5 s on another process", async () => {
    const other = await buildApp({
      db: t.db,
      bus: createLocalBus(),
      tokens: t.tokens,
      accessTokenTtlSeconds: 900,
      loginRateLimit: 1000,
    })
    const session = await signIn()
    const kept = await signIn()
    const me = (token: string) => call(t, bearer(token), 'GET', '/auth/me')
    const meOnOther = () =>
      other.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${session.token}` } })
    expect((await me(session.token)).statusCode).toBe(200)
    expect((await meOnOther()).statusCode).toBe(200)
    expect((await call(t, null, 'POST', '/auth/logout', { refreshToken: session.refreshToken })).statusCode).toBe(204)
    expect(expectError(await me(session.token), 401).error).toBe('Сессия завершена: войдите снова.')
    expect((await me(kept.token)).statusCode).toBe(200)
    afterFiveSeconds()
    expectError(await meOnOther(), 401)
    await other.close()
  })

  it('a reused refresh token ends the access tokens of its sign-in', async () => {
    const first = await signIn()
    const second = (await refresh(first.refreshToken)).json() as { token: string }
    expect((await call(t, bearer(second.token), 'GET', '/auth/me')).statusCode).toBe(200)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 20_000 })
    expectError(await refresh(first.refreshToken), 401)
    expectError(await call(t, bearer(second.token), 'GET', '/auth/me'), 401)
    expectError(await call(t, bearer(first.token), 'GET', '/auth/me'), 401)
  })
})

describe('sign-in limits', () => {
  it('allows 5 wrong passwords per account, then 429 with Retry-After even for the right one; other accounts go on', async () => {
    const co = await makeCompany(t)
    for (let i = 0; i < 5; i++) expectError(await login(co.operator.email, 'wrong-password'), 401)
    const refused = await login(co.operator.email, TEST_PASSWORD)
    expectError(refused, 429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect((await login(co.supervisor.email, TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('counts wrong passwords in the database, so two processes do not double the allowance', async () => {
    const co = await makeCompany(t)
    const other = await buildApp({
      db: t.db,
      bus: createLocalBus(),
      tokens: t.tokens,
      accessTokenTtlSeconds: 900,
      loginRateLimit: 1000,
    })
    const wrong = { email: co.admin.email, password: 'wrong-password' }
    for (let i = 0; i < 3; i++) {
      expect((await other.inject({ method: 'POST', url: '/api/v1/auth/login', payload: wrong })).statusCode).toBe(401)
    }
    for (let i = 0; i < 2; i++) expectError(await login(wrong.email, wrong.password), 401)
    expectError(await login(co.admin.email, TEST_PASSWORD), 429)
    expect(
      (
        await other.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: co.admin.email, password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(429)
    await other.close()
  })

  it('counts wrong passwords over the last 15 minutes, not in fixed windows that let 10 through around an edge', async () => {
    const co = await makeCompany(t)
    for (let i = 0; i < 4; i++) expectError(await login(co.operator.email, 'wrong-password'), 401)
    // Those four were made 10 minutes ago: still within the last 15, whatever window the clock is in.
    const key = `account:${co.operator.email}`
    await t.db
      .update(authAttempts)
      .set({ windowStart: sql`${authAttempts.windowStart} - interval '10 minutes'` })
      .where(eq(authAttempts.key, key))
    expectError(await login(co.operator.email, 'wrong-password'), 401)
    const refused = expectError(await login(co.operator.email, TEST_PASSWORD), 429)
    expect(refused.error).toMatch(/Повторите через \d+ с/)
    // Six minutes on, the four leave the window: the account may try again.
    await t.db
      .update(authAttempts)
      .set({ windowStart: sql`${authAttempts.windowStart} - interval '6 minutes'` })
      .where(eq(authAttempts.key, key))
    expect((await login(co.operator.email, TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('a successful sign-in forgets earlier wrong passwords', async () => {
    const co = await makeCompany(t)
    for (let i = 0; i < 4; i++) expectError(await login(co.operator.email, 'wrong-password'), 401)
    expect((await login(co.operator.email, TEST_PASSWORD)).statusCode).toBe(200)
    for (let i = 0; i < 4; i++) expectError(await login(co.operator.email, 'wrong-password'), 401)
    expect((await login(co.operator.email, TEST_PASSWORD)).statusCode).toBe(200)
  })
})
