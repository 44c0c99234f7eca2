import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { and, eq, sql } from 'drizzle-orm'
import { chatParamsSchema } from '@shared/chats'
import { channelSecretSchema, deliveryListSchema, deliveryQuerySchema } from '@shared/webhooks'
import type { Db } from '../../db/client'
import { chats, companies } from '../../db/schema'
import { notFound } from '../../http/errors'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { audit } from '../audit'
import { listDeliveries, newSecret, PREVIOUS_SECRET_HOURS } from './repo'

// TWIN's dialogue callbacks (callbackUrl, eventCallbackUrl) as admins see them: the key they are signed with, and
// each chat's log of them. They are delivered as webhooks are (worker.ts).

async function channelSecret(db: Db, companyId: string) {
  const [row] = await db
    .select({ secret: companies.channelSecret, until: companies.channelPreviousSecretUntil })
    .from(companies)
    .where(eq(companies.id, companyId))
  const until = row!.until && row!.until > new Date() ? row!.until.toISOString() : null
  return { secret: row!.secret, previousSecretUntil: until }
}

export const channelCallbackRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  const tags = ['Chats']
  const admins = requireRole('admin')

  app.get(
    '/channel-secret',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Ключ подписи обратных вызовов (ext)',
        description:
          'callbackUrl и eventCallbackUrl диалогов подписываются им так же, как вебхуки (Standard Webhooks). Только администраторы.',
        response: { 200: channelSecretSchema },
      },
    },
    (req) => channelSecret(db, req.auth.companyId),
  )

  app.post(
    '/channel-secret/rotate',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Сменить ключ подписи обратных вызовов (ext)',
        description: `Прежний ключ подписывает ещё ${PREVIOUS_SECRET_HOURS} часа второй подписью.`,
        response: { 200: channelSecretSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      await db
        .update(companies)
        .set({
          channelSecret: newSecret(),
          channelPreviousSecret: sql`${companies.channelSecret}`,
          channelPreviousSecretUntil: sql`now() + ${PREVIOUS_SECRET_HOURS}::int * interval '1 hour'`,
        })
        .where(eq(companies.id, companyId))
      await audit(db, req, {
        action: 'channel-secret.rotated',
        summary: 'Сменён ключ подписи обратных вызовов каналов',
      })
      return channelSecret(db, companyId)
    },
  )

  app.get(
    '/chats/:chatId/callbacks',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Журнал обратных вызовов чата (ext)',
        description:
          'Что ушло на callbackUrl и eventCallbackUrl диалогов чата, новые сверху, с каждой попыткой. Хранится 30 дней.',
        params: chatParamsSchema,
        querystring: deliveryQuerySchema,
        response: { 200: deliveryListSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      const { chatId } = req.params
      const found = await db.$count(chats, and(eq(chats.id, chatId), eq(chats.companyId, companyId)))
      if (!found) throw notFound('Чат не найден')
      return listDeliveries(db, companyId, { chatId }, req.query)
    },
  )
}
