import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  apiTokenInputSchema, apiTokenSchema, loginInputSchema, MAX_ACCESS_TTL_SECONDS, loginResultSchema, meSchema, refreshInputSchema, tokenPairSchema,
} from '@shared/auth'
import { dummyHash, verifyPassword } from '../../auth/passwords'
import { requireRole } from '../../auth/guard'
import type { AuthClaims } from '../../auth/tokens'
import type { RouteContext } from '../../context'
import { HttpError } from '../../errors'
import { findUserForLogin, getMe } from '../operators/repo'

const REFRESH_TTL = 30 * 24 * 3600

export const authRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  const { db, tokens } = ctx
  const tags = ['Auth']
  const pair = async (claims: AuthClaims, ttl?: number) => {
    const token = await tokens.sign(claims, 'access', ttl ? Math.min(ttl, MAX_ACCESS_TTL_SECONDS) : ctx.accessTokenTtlSeconds)
    return { token, authToken: token, refreshToken: await tokens.sign(claims, 'refresh', REFRESH_TTL) }
  }

  // A valid token of a user who no longer exists is no longer a session: sign in again.
  const currentUser = (claims: AuthClaims) => getMe(db, claims.companyId, claims.userId).catch(() => {
    throw new HttpError(401, 'Invalid token.')
  })

  app.post('/auth/login', {
    config: { public: true, rateLimit: { max: ctx.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Вход по почте и паролю', security: [], body: loginInputSchema, response: { 200: loginResultSchema } },
  }, async (req) => {
    const user = await findUserForLogin(db, req.body.email)
    // Unknown email and wrong password take the same time and get the same answer.
    const ok = await verifyPassword(req.body.password, user?.passwordHash ?? (await dummyHash))
    if (!user || !ok) throw new HttpError(401, 'Неверная почта или пароль')
    const { companyId, ttl } = req.body
    if (companyId != null && String(companyId) !== user.companyId) throw new HttpError(401, 'Пользователь не состоит в этой компании')
    const claims = { userId: user.id, companyId: user.companyId, role: user.role }
    return { ...(await pair(claims, ttl)), user: await getMe(db, user.companyId, user.id) }
  })

  app.post('/auth/refresh', {
    config: { public: true },
    schema: { tags, summary: 'Обновить токен', security: [], body: refreshInputSchema, response: { 200: tokenPairSchema } },
  }, async (req) => {
    const claims = await tokens.verify(req.body.refreshToken, 'refresh')
    const me = await currentUser(claims)
    // The role is read again, so a changed role takes effect at the next refresh.
    return pair({ ...claims, role: me.role }, req.body.ttl)
  })

  app.get('/auth/me', {
    schema: { tags, summary: 'Текущий пользователь', response: { 200: meSchema } },
  }, (req) => currentUser(req.auth))

  app.post('/auth/api-tokens', {
    preHandler: requireRole('admin'),
    schema: {
      tags, summary: 'Выпустить API-токен для интеграции или Swagger UI',
      body: apiTokenInputSchema.optional(), response: { 201: apiTokenSchema },
    },
  }, async (req, reply) => {
    const ttlDays = req.body?.ttlDays ?? 30
    const token = await tokens.sign(req.auth, 'api', ttlDays * 24 * 3600)
    const expiresAt = new Date(Date.now() + ttlDays * 24 * 3600 * 1000).toISOString()
    return reply.code(201).send({ token, expiresAt })
  })
}
