import { and, desc, eq, sql } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  apiTokenInputSchema,
  apiTokenListSchema,
  apiTokenParamsSchema,
  apiTokenInfoSchema,
  apiTokenSchema,
} from '@shared/auth'
import { hashApiToken, newApiToken } from './access'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import type { Db } from '../../db/client'
import { apiTokens, users } from '../../db/schema'
import { iso, isoOrNull } from '../../db/sql-helpers'
import { notFound } from '../../http/errors'
import { audit } from '../audit'

const infoColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  byId: users.id,
  byName: users.name,
}
type InfoRow = {
  id: string
  name: string
  createdAt: Date
  expiresAt: Date | null
  lastUsedAt: Date | null
  revokedAt: Date | null
  byId: string | null
  byName: string | null
}
const toInfo = (r: InfoRow) => ({
  id: r.id,
  name: r.name,
  createdBy: r.byId && r.byName !== null ? { id: r.byId, name: r.byName } : null,
  createdAt: iso(r.createdAt),
  expiresAt: isoOrNull(r.expiresAt),
  lastUsedAt: isoOrNull(r.lastUsedAt),
  revokedAt: isoOrNull(r.revokedAt),
})

const selectInfo = (db: Db) => db.select(infoColumns).from(apiTokens).leftJoin(users, eq(users.id, apiTokens.userId))

/** API tokens of the company: issued by admins, listed for every admin, each revocable. */
export const apiTokenRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, access }) => {
  const tags = ['Auth']
  const adminOnly = requireRole('admin')

  app.get(
    '/auth/api-tokens',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'API-токены компании',
        description: 'Только администратор. Сначала новые; отозванные и истёкшие тоже.',
        response: { 200: apiTokenListSchema },
      },
    },
    async (req) => {
      const rows = await selectInfo(db)
        .where(eq(apiTokens.companyId, req.auth.companyId))
        .orderBy(desc(apiTokens.createdAt))
      return { items: rows.map(toInfo) }
    },
  )

  app.post(
    '/auth/api-tokens',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Выпустить API-токен для интеграции или Swagger UI',
        description:
          'Только администратор. Токен действует от имени выпустившего, пока тот активен и не сменил роль; ' +
          'он показывается один раз (хранится только его хеш) и отзывается DELETE /auth/api-tokens/{tokenId}.',
        body: apiTokenInputSchema.optional(),
        response: { 201: apiTokenSchema },
      },
    },
    async (req, reply) => {
      const { name, ttlDays } = apiTokenInputSchema.parse(req.body ?? {})
      const token = newApiToken()
      const [row] = await db
        .insert(apiTokens)
        .values({
          companyId: req.auth.companyId,
          userId: req.auth.userId,
          name,
          tokenHash: hashApiToken(token),
          expiresAt: ttlDays === null ? null : sql`now() + ${ttlDays}::int * interval '1 day'`,
        })
        .returning({ id: apiTokens.id })
      const [info] = await selectInfo(db).where(eq(apiTokens.id, row!.id))
      await audit(db, req, {
        action: 'api-token.issued',
        summary: `API-токен «${name}», ${ttlDays === null ? 'бессрочный' : `на ${ttlDays} дн.`}`,
      })
      return reply.code(201).send({ ...toInfo(info!), token })
    },
  )

  app.delete(
    '/auth/api-tokens/:tokenId',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Отозвать API-токен',
        description:
          'Только администратор. Токен перестаёт действовать сразу в этом процессе и не позже чем через 5 секунд во всех остальных.',
        params: apiTokenParamsSchema,
        response: { 200: apiTokenInfoSchema },
      },
    },
    async (req) => {
      const where = and(eq(apiTokens.id, req.params.tokenId), eq(apiTokens.companyId, req.auth.companyId))
      const [revoked] = await db
        .update(apiTokens)
        .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
        .where(where)
        .returning({ tokenHash: apiTokens.tokenHash })
      if (!revoked) throw notFound('API-токен не найден')
      access.forgetApiToken(revoked.tokenHash)
      const [info] = await selectInfo(db).where(where)
      await audit(db, req, { action: 'api-token.revoked', summary: `API-токен «${info!.name}»` })
      return toInfo(info!)
    },
  )
}
