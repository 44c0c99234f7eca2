import { describe, expect, it } from 'vitest'
import { SignJWT } from 'jose'
import { c, t, TEST_PASSWORD, useTestApp } from '../support/app'

useTestApp()

const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
const me = (authorization?: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: authorization ? { authorization } : {} })

describe('sign-in', () => {
  it('signs in with email and password and returns tokens and the user', async () => {
    const res = await login(c.operator.email.toUpperCase(), TEST_PASSWORD)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.user).toMatchObject({ email: c.operator.email, role: 'operator', companyName: c.company.name })
    expect((await me(`Bearer ${body.authToken}`)).json().id).toBe(c.operator.id)
  })

  it('answers a wrong password and an unknown email with the same message', async () => {
    const wrong = await login(c.operator.email, 'nope-nope')
    const unknown = await login('nobody@test.ru', TEST_PASSWORD)
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json()).toEqual(unknown.json())
  })

  it('refreshes with the refresh token and refuses an access token as a refresh token', async () => {
    const { refreshToken, authToken } = (await login(c.admin.email, TEST_PASSWORD)).json()
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } })
    expect(ok.statusCode).toBe(200)
    expect((await me(`Bearer ${ok.json().authToken}`)).statusCode).toBe(200)
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: authToken },
    })
    expect(bad.statusCode).toBe(401)
    expect((await me(`Bearer ${refreshToken}`)).statusCode).toBe(401)
  })
})

describe('tokens that are not accepted', () => {
  const claims = () => ({ companyId: c.company.id, role: 'admin', kind: 'access' })

  it('refuses a missing, garbled or other-secret token with 401', async () => {
    expect((await me()).statusCode).toBe(401)
    expect((await me('Bearer abc.def.ghi')).statusCode).toBe(401)
    const foreign = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.admin.id)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'))
    const res = await me(`Bearer ${foreign}`)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ error: 'Invalid token.', details: null })
  })

  it('says exactly "Token is expired." for an expired token', async () => {
    const expired = await t.tokens.sign({ userId: c.admin.id, companyId: c.company.id, role: 'admin' }, 'access', -10)
    const res = await me(`Bearer ${expired}`)
    expect(res.statusCode).toBe(401)
    expect(res.json().error).toBe('Token is expired.')
  })

  it('refuses an unsigned token (alg none)', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), sub: c.admin.id, exp: 9999999999 })}.`
    expect((await me(`Bearer ${none}`)).statusCode).toBe(401)
  })

  it('lets only an admin issue an API token, which then works as a bearer token', async () => {
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/api-tokens',
      headers: c.operator.auth,
      payload: {},
    })
    expect(denied.statusCode).toBe(403)
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/api-tokens',
      headers: c.admin.auth,
      payload: { ttlDays: 7 },
    })
    expect(issued.statusCode).toBe(201)
    expect((await me(`Bearer ${issued.json().token}`)).json().role).toBe('admin')
  })
})
