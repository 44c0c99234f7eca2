import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  deliveryListSchema,
  deliveryParamsSchema,
  deliveryQuerySchema,
  WEBHOOK_RETRY_DAYS,
  webhookInputSchema,
  webhookListSchema,
  webhookParamsSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookWithSecretSchema,
} from '@shared/webhooks'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { audit } from '../audit'
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateSecret,
  secretsOf,
  updateWebhook,
} from './repo'
import { post } from './send'

const HELP =
  'Подписанные события для интеграций (Standard Webhooks: заголовки webhook-id, webhook-timestamp, webhook-signature). ' +
  `Неудачная доставка повторяется с растущей паузой ${WEBHOOK_RETRY_DAYS} дня; события одного клиента приходят по порядку. ` +
  'Вебхук видит все параметры, какой бы ни была их видимость. Только администраторы.'

const testResultSchema = z.object({
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  response: z.string().nullable(),
  error: z.string().nullable(),
})

/** The company's webhooks and their delivery log (admins). */
export const webhookRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, webhooks }) => {
  const tags = ['Webhooks']
  const admins = requireRole('admin')
  const allowInternal = webhooks.allowInternal

  app.get(
    '/webhooks',
    {
      preHandler: admins,
      schema: { tags, summary: 'Вебхуки компании', description: HELP, response: { 200: webhookListSchema } },
    },
    (req) => listWebhooks(db, req.auth.companyId),
  )

  app.post(
    '/webhooks',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Добавить вебхук',
        description:
          'Ключ подписи `secret` приходит только в этом ответе. Адрес во внутренней сети — 400 на `body.url`.',
        body: webhookInputSchema,
        response: { 201: webhookWithSecretSchema },
      },
    },
    async (req, reply) => {
      const created = await createWebhook(db, req.auth.companyId, req.body, allowInternal)
      await audit(db, req, { action: 'webhook.created', summary: `Вебхук ${created.url}` })
      return reply.code(201).send(created)
    },
  )

  app.get(
    '/webhooks/:webhookId',
    {
      preHandler: admins,
      schema: { tags, summary: 'Вебхук', params: webhookParamsSchema, response: { 200: webhookSchema } },
    },
    (req) => getWebhook(db, req.auth.companyId, req.params.webhookId),
  )

  app.patch(
    '/webhooks/:webhookId',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Изменить вебхук',
        description: '`active: true` включает и отключённый после отказов.',
        params: webhookParamsSchema,
        body: webhookPatchSchema,
        response: { 200: webhookSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      const updated = await updateWebhook({
        db,
        companyId,
        webhookId: req.params.webhookId,
        patch: req.body,
        allowInternal,
      })
      await audit(db, req, { action: 'webhook.updated', summary: `Вебхук ${updated.url}` })
      if (req.body.active) webhooks.nudge()
      return updated
    },
  )

  app.delete(
    '/webhooks/:webhookId',
    { preHandler: admins, schema: { tags, summary: 'Удалить вебхук', params: webhookParamsSchema } },
    async (req, reply) => {
      const gone = await deleteWebhook(db, req.auth.companyId, req.params.webhookId)
      await audit(db, req, { action: 'webhook.deleted', summary: `Вебхук ${gone.url}` })
      return reply.code(204).send()
    },
  )

  app.post(
    '/webhooks/:webhookId/rotate-secret',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Сменить ключ подписи',
        description: 'Новый ключ приходит только в этом ответе; старый ещё сутки подписывает вторую подпись.',
        params: webhookParamsSchema,
        response: { 200: webhookWithSecretSchema },
      },
    },
    async (req) => {
      const rotated = await rotateSecret(db, req.auth.companyId, req.params.webhookId)
      await audit(db, req, { action: 'webhook.secret-rotated', summary: `Вебхук ${rotated.url}` })
      return rotated
    },
  )

  app.post(
    '/webhooks/:webhookId/test',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Отправить тест',
        description:
          'Событие `webhook.test`, подписанное как все, сразу; ответ получателя — в ответе. В журнал доставок не пишется.',
        params: webhookParamsSchema,
        response: { 200: testResultSchema },
      },
    },
    async (req) => {
      const { url, secrets } = await secretsOf(db, req.auth.companyId, req.params.webhookId)
      const id = crypto.randomUUID()
      const body = JSON.stringify({
        type: 'webhook.test',
        timestamp: new Date().toISOString(),
        data: { webhookId: req.params.webhookId },
      })
      const sent = await post({ url, id, body, secrets, allowInternal })
      const ok = sent.statusCode !== null && sent.statusCode >= 200 && sent.statusCode < 300
      return { ok, statusCode: sent.statusCode, latencyMs: sent.latencyMs, response: sent.response, error: sent.error }
    },
  )

  app.get(
    '/webhooks/:webhookId/deliveries',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Журнал доставок',
        description:
          'Новые сверху, с каждой попыткой (код, время, первые 1 КБ ответа или ошибка сети). Хранится 30 дней.',
        params: webhookParamsSchema,
        querystring: deliveryQuerySchema,
        response: { 200: deliveryListSchema },
      },
    },
    (req) => listDeliveries(db, req.auth.companyId, { webhookId: req.params.webhookId }, req.query),
  )

  app.post(
    '/webhook-deliveries/:deliveryId/redeliver',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Отправить снова',
        description: 'С тем же webhook-id: получатель узнает повтор. Встаёт в очередь клиента и повторяется ещё 3 дня.',
        params: deliveryParamsSchema,
      },
    },
    async (req, reply) => {
      await redeliver(db, req.auth.companyId, req.params.deliveryId)
      webhooks.nudge()
      return reply.code(202).send()
    },
  )
}
