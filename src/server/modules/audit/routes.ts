import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AUDIT_ACTIONS, AUDIT_RETENTION_DAYS, auditListSchema, auditQuerySchema, type AuditAction } from '@shared/audit'
import { NOT_COUNTED } from '@shared/common'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { auditEvents, users } from '../../db/schema'
import { iso } from '../../db/sql-helpers'

/** The admins' "Журнал": newest first, filtered by what happened, who did it and when. */
export const auditRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/audit',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['Users'],
        summary: 'Журнал действий',
        description:
          `Только администратор. Входы и неверные пароли, API-токены, сотрудники, изменения каталога, экспорт; ` +
          `сначала новые, хранятся ${AUDIT_RETENTION_DAYS} дней. action: ${Object.keys(AUDIT_ACTIONS).join(', ')}.`,
        querystring: auditQuerySchema,
        response: { 200: auditListSchema },
      },
    },
    async (req) => {
      const q = req.query
      const conditions: SQL[] = [eq(auditEvents.companyId, req.auth.companyId)]
      if (q.action) conditions.push(eq(auditEvents.action, q.action))
      if (q.actorId) conditions.push(eq(auditEvents.actorId, q.actorId))
      if (q.from) conditions.push(gte(auditEvents.at, new Date(q.from)))
      if (q.to) conditions.push(lte(auditEvents.at, new Date(q.to)))
      const where = and(...conditions)
      const rows = await db
        .select({ e: auditEvents, by: { id: users.id, name: users.name } })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(where)
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(q.limit)
        .offset(q.offset)
      const total = q.withoutCount
        ? NOT_COUNTED
        : (await db.select({ n: count() }).from(auditEvents).where(where))[0]!.n
      return {
        count: total,
        items: rows.map(({ e, by }) => ({
          id: e.id,
          at: iso(e.at),
          action: e.action as AuditAction,
          actor: by?.id ? { id: by.id, name: by.name } : null,
          actorName: e.actorName,
          summary: e.summary,
          address: e.address,
        })),
      }
    },
  )
}
