import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  MAX_SHARED_VIEWS,
  viewCountSchema,
  viewInputSchema,
  viewListSchema,
  viewParamsSchema,
  viewPatchSchema,
  viewSchema,
} from '@shared/views'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { countView, createView, createViewCounts, deleteView, listViews, updateView } from './repo'

/** Saved views of the client directory, shown in the panel's navigation with their counts. */
export const viewRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const counts = createViewCounts(bus)
  const tags = ['Clients']
  const savers = requireRole('supervisor', 'admin')

  app.get(
    '/views',
    {
      schema: {
        tags,
        summary: 'Сохранённые виды справочника',
        description:
          'Свои и общие для компании, по названию, с уже известным числом клиентов. Вид, который после изменений в карточках ' +
          'ещё не пересчитан, приходит с `counted: false` и `count: null`: его число — в GET /views/{viewId}/count. `problem` — если ' +
          'параметр фильтра в архиве или удалён. Вид с параметром, скрытым от роли, ей не показывается.',
        response: { 200: viewListSchema },
      },
    },
    (req) => listViews(db, counts, req.auth),
  )

  app.get(
    '/views/:viewId/count',
    {
      schema: { tags, summary: 'Число клиентов вида', params: viewParamsSchema, response: { 200: viewCountSchema } },
    },
    (req) => countView(db, counts, req.auth, req.params.viewId),
  )

  app.post(
    '/views',
    {
      preHandler: savers,
      schema: {
        tags,
        summary: 'Сохранить вид',
        description:
          'Руководитель и администратор. Фильтры проверяются, как в GET /clients: неверный — 400 на `body.query`. ' +
          `Общих видов в компании не больше ${MAX_SHARED_VIEWS}: дальше 409.`,
        body: viewInputSchema,
        response: { 201: viewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createView(db, counts, req.auth, req.body)),
  )

  app.patch(
    '/views/:viewId',
    {
      preHandler: savers,
      schema: {
        tags,
        summary: 'Изменить вид',
        description: 'Автор; общий — также администратор.',
        params: viewParamsSchema,
        body: viewPatchSchema,
        response: { 200: viewSchema },
      },
    },
    (req) => updateView({ db, counts, c: req.auth, viewId: req.params.viewId, patch: req.body }),
  )

  app.delete(
    '/views/:viewId',
    {
      preHandler: savers,
      schema: { tags, summary: 'Удалить вид', params: viewParamsSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteView(db, req.auth, req.params.viewId)
      return reply.code(204).send(null)
    },
  )
}
