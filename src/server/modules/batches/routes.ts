import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BATCH_UNDO_DAYS, bulkInputSchema, bulkResultSchema } from '@shared/batches'
import { idSchema } from '@shared/common'
import { audit } from '../audit'
import { actorOf } from '../../http/actor'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { registerBatchRoutes } from './batch-routes'
import { bulkEdit, resumeBulkEdit } from './bulk-repo'
import { importRoutes } from './import-routes'

/** Bulk edits of the directory and imports: batches of changes, each undone as a whole. */
export const batchRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, opts) => {
  const { db, bus, instanceId } = opts
  const tags = ['Clients']
  const reviewers = requireRole('supervisor', 'admin')

  app.post(
    '/clients/bulk',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Изменить сразу всех клиентов по фильтру',
        description:
          'Руководитель и администратор. Добавляет и убирает теги клиента и задаёт значения параметров всем клиентам, ' +
          'подходящим под `filter` (не только загруженной странице), а с `clientIds` — только этим из них. Каждое изменение ' +
          'попадает в историю карточки (источник `bulk`). Неизвестный тег или значение, которое параметр не принимает, — 400 ' +
          `до каких-либо изменений. Ход виден в событии \`batch.progress\` и в GET /batches/{batchId}; отменить — ` +
          `POST /batches/{batchId}/undo в течение ${BATCH_UNDO_DAYS} дней.`,
        body: bulkInputSchema,
        response: { 200: bulkResultSchema },
      },
    },
    async (req) => {
      const result = await bulkEdit({ db, bus, actor: actorOf(req), owner: instanceId, edit: req.body })
      await audit(db, req, {
        action: 'bulk',
        summary: `Массовое изменение: подошло ${result.matched}, изменено ${result.changed}`,
      })
      return result
    },
  )

  app.post(
    '/batches/:batchId/resume',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Продолжить прерванное массовое изменение',
        description:
          'Для `status: interrupted` (процесс сервиса остановился посреди работы). Те же изменения, проверенные по каталогу заново, ' +
          'для клиентов, которых фильтр отбирает сейчас, начиная с того, на котором остановились; это та же партия: отмена вернёт всё. ' +
          'Не прерванное — 409.',
        params: z.strictObject({ batchId: idSchema }),
        response: { 200: bulkResultSchema },
      },
    },
    async (req) => {
      const result = await resumeBulkEdit({
        db,
        bus,
        actor: actorOf(req),
        owner: instanceId,
        batchId: req.params.batchId,
      })
      await audit(db, req, {
        action: 'bulk',
        summary: `Массовое изменение продолжено: всего подошло ${result.matched}, изменено ${result.changed}`,
      })
      return result
    },
  )

  registerBatchRoutes(app, opts, {
    kind: 'bulk',
    base: '/batches',
    param: 'batchId',
    preHandler: reviewers,
    summaries: { list: 'Массовые изменения', one: 'Ход массового изменения', undo: 'Отменить массовое изменение' },
    listHelp: 'Сначала новые, с ходом и итогом.',
    undoHelp:
      `В течение ${BATCH_UNDO_DAYS} дней. Каждое изменение возвращается к прежнему значению, кроме тех, что с тех пор ` +
      'меняли ещё раз: они остаются как есть (`kept`).',
    undone: {
      action: 'bulk.undone',
      summary: (r) => `Отменено массовое изменение: возвращено ${r.reverted}, оставлено ${r.kept}`,
    },
  })

  await app.register(importRoutes, opts)
}
