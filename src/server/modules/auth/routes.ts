import { eq, sql } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  loginInputSchema,
  loginResultSchema,
  logoutInputSchema,
  meSchema,
  passwordChangeSchema,
  profileInputSchema,
  refreshInputSchema,
  tokenPairSchema,
} from '@shared/auth'
import { admitAttempt, clearAttempts, countAttempt, ensureUnder } from './attempts'
import { dummyHash, findUserForLogin, getMe, hashPassword, verifyPassword } from '../accounts'
import { endSession, issueSession, refreshSession } from './sessions'
import type { RouteContext } from '../../http/context'
import { users } from '../../db/schema'
import { badRequest, HttpError } from '../../http/errors'
import { audit } from '../audit'

/** Wrong passwords per account: enough for typos, too few to guess; the window is the wait after that. */
const ACCOUNT_FAILURES = { max: 5, windowSeconds: 15 * 60 }
const REFRESHES_PER_ADDRESS_PER_MINUTE = 120

export const authRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  const { db, tokens, access } = ctx
  const tags = ['Auth']
  const ttl = (asked?: number) => asked || ctx.accessTokenTtlSeconds
  const self = { temporaryPasswordAllowed: true }

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Вход по почте и паролю',
        security: [],
        description:
          `Не больше ${ACCOUNT_FAILURES.max} неверных паролей на адрес почты за ${ACCOUNT_FAILURES.windowSeconds / 60} минут ` +
          `и ${ctx.loginRateLimit} попыток в минуту с одного IP; дальше 429 с Retry-After.`,
        body: loginInputSchema,
        response: { 200: loginResultSchema },
      },
    },
    async (req) => {
      const account = { key: `account:${req.body.email}`, ...ACCOUNT_FAILURES }
      await admitAttempt(db, { key: `address:${req.ip}`, max: ctx.loginRateLimit, windowSeconds: 60 })
      await ensureUnder(db, account)
      const user = await findUserForLogin(db, req.body.email)
      // Unknown email and wrong password take the same time and get the same answer.
      const ok = await verifyPassword(req.body.password, user?.passwordHash ?? (await dummyHash))
      if (!user || !ok) {
        if (user)
          await audit(db, req, {
            action: 'sign-in.failed',
            companyId: user.companyId,
            actorId: user.id,
            summary: `Неверный пароль для ${user.email}`,
          })
        await countAttempt(db, account)
        throw new HttpError(401, 'Неверная почта или пароль')
      }
      await clearAttempts(db, account.key)
      if (!user.active) {
        await audit(db, req, {
          action: 'sign-in.failed',
          companyId: user.companyId,
          actorId: user.id,
          summary: `Попытка входа отключённого сотрудника ${user.email}`,
        })
        throw new HttpError(401, 'Пользователь отключён администратором')
      }
      const { companyId } = req.body
      if (companyId != null && String(companyId) !== user.companyId)
        throw new HttpError(401, 'Пользователь не состоит в этой компании')
      await audit(db, req, {
        action: 'sign-in',
        companyId: user.companyId,
        actorId: user.id,
        summary: `Вход ${user.email}`,
      })
      return {
        ...(await issueSession({ db, tokens, user, accessTtl: ttl(req.body.ttl) })),
        user: await getMe(db, user.companyId, user.id),
      }
    },
  )

  app.post(
    '/auth/refresh',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Обновить токен',
        security: [],
        description:
          'Токен обновления действует один раз: в ответе новая пара. Повторно предъявленный токен завершает сессию ' +
          '(все токены этого входа, и обновления, и доступа, перестают действовать).',
        body: refreshInputSchema,
        response: { 200: tokenPairSchema },
      },
    },
    async (req) => {
      await admitAttempt(db, { key: `refresh:${req.ip}`, max: REFRESHES_PER_ADDRESS_PER_MINUTE, windowSeconds: 60 })
      return refreshSession({
        db,
        tokens,
        refreshToken: req.body.refreshToken,
        accessTtl: ttl(req.body.ttl),
        ended: access.forgetSession,
      })
    },
  )

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Выйти',
        security: [],
        description:
          'Отзывает токен обновления и всю его сессию: её токены доступа перестают действовать (на других процессах — в течение 5 с).',
        body: logoutInputSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ended = await endSession(db, tokens, req.body.refreshToken)
      if (ended) access.forgetSession(ended)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/auth/me',
    {
      config: self,
      schema: { tags, summary: 'Текущий пользователь', response: { 200: meSchema } },
    },
    (req) => getMe(db, req.auth.companyId, req.auth.userId),
  )

  app.patch(
    '/auth/me',
    {
      config: self,
      schema: { tags, summary: 'Изменить своё имя', body: profileInputSchema, response: { 200: meSchema } },
    },
    async (req) => {
      await db.update(users).set({ name: req.body.name }).where(eq(users.id, req.auth.userId))
      return getMe(db, req.auth.companyId, req.auth.userId)
    },
  )

  app.post(
    '/auth/password',
    {
      config: self,
      schema: {
        tags,
        summary: 'Сменить свой пароль',
        description:
          'Нужен текущий пароль (или временный, выданный администратором). Все прежние входы завершаются; ' +
          'в ответе новая пара токенов для этого.',
        body: passwordChangeSchema,
        response: { 200: tokenPairSchema },
      },
    },
    async (req) => {
      const [user] = await db.select().from(users).where(eq(users.id, req.auth.userId))
      if (!user || !(await verifyPassword(req.body.oldPassword, user.passwordHash)))
        throw badRequest('body.oldPassword', 'Неверный текущий пароль')
      const [updated] = await db
        .update(users)
        .set({
          passwordHash: await hashPassword(req.body.newPassword),
          mustChangePassword: false,
          tokenVersion: sql`${users.tokenVersion} + 1`,
        })
        .where(eq(users.id, user.id))
        .returning()
      access.forgetUser(user.id)
      await audit(db, req, { action: 'password.changed', summary: 'Сменил свой пароль; прежние входы завершены' })
      return issueSession({ db, tokens, user: updated!, accessTtl: ctx.accessTokenTtlSeconds })
    },
  )
}
