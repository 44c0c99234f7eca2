import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BATCH_UNDO_DAYS, batchListSchema, batchParamsSchema, batchSchema, batchUndoResultSchema, bulkInputSchema, bulkResultSchema } from '@shared/batches'
import { audit } from '../../audit'
import { actorOf } from '../../auth/change-source'
import { requireRole } from '../../auth/guard'
import type { RouteContext } from '../../context'
import { listQuerySchema } from '@shared/common'
import { getBatch, listBatches } from './batch-repo'
import { bulkEdit } from './bulk-repo'
import { importRoutes } from './import-routes'
import { undoBatch } from './undo-repo'

/** Bulk edits of the directory and imports: batches of changes, each undone as a whole. */
export const batchRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, opts) => {
  const { db, bus } = opts
  const tags = ['Clients']
  const reviewers = requireRole('supervisor', 'admin')

  app.post('/clients/bulk', {
    preHandler: reviewers,
    schema: {
      tags, summary: 'Изменить сразу всех клиентов по фильтру',
      description: 'Руководитель и администратор. Добавляет и убирает теги клиента и задаёт значения параметров всем клиентам, '
        + 'подходящим под `filter` (не только загруженной странице), а с `clientIds` — только этим из них. Каждое изменение '
        + 'попадает в историю карточки (источник `bulk`). Неизвестный тег или значение, которое параметр не принимает, — 400 '
        + `до каких-либо изменений. Ход виден в событии \`batch.progress\` и в GET /batches/{batchId}; отменить — `
        + `POST /batches/{batchId}/undo в течение ${BATCH_UNDO_DAYS} дней.`,
      body: bulkInputSchema, response: { 200: bulkResultSchema },
    },
  }, async (req) => {
    const result = await bulkEdit(db, bus, actorOf(req), req.body)
    await audit(db, req, { action: 'bulk', summary: `Массовое изменение: подошло ${result.matched}, изменено ${result.changed}` })
    return result
  })

  app.get('/batches', {
    preHandler: reviewers,
    schema: { tags, summary: 'Массовые изменения', description: 'Сначала новые, с ходом и итогом.', querystring: listQuerySchema, response: { 200: batchListSchema } },
  }, (req) => listBatches(db, req.auth.companyId, 'bulk', req.query))

  app.get('/batches/:batchId', {
    preHandler: reviewers,
    schema: { tags, summary: 'Ход массового изменения', params: batchParamsSchema, response: { 200: batchSchema } },
  }, (req) => getBatch(db, req.auth.companyId, 'bulk', req.params.batchId))

  app.post('/batches/:batchId/undo', {
    preHandler: reviewers,
    schema: {
      tags, summary: 'Отменить массовое изменение',
      description: `В течение ${BATCH_UNDO_DAYS} дней. Каждое изменение возвращается к прежнему значению, кроме тех, что с тех пор `
        + 'меняли ещё раз: они остаются как есть (`kept`).',
      params: batchParamsSchema, response: { 200: batchUndoResultSchema },
    },
  }, async (req) => {
    const result = await undoBatch(db, actorOf(req), 'bulk', req.params.batchId)
    bus.publish(req.auth.companyId, { type: 'clients.changed' })
    await audit(db, req, { action: 'bulk.undone', summary: `Отменено массовое изменение: возвращено ${result.reverted}, оставлено ${result.kept}` })
    return result
  })

  await app.register(importRoutes, opts)
}
