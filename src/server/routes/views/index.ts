import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { viewInputSchema, viewListSchema, viewParamsSchema, viewPatchSchema, viewSchema } from '@shared/views'
import { requireRole } from '../../auth/guard'
import type { RouteContext } from '../../context'
import { createView, deleteView, listViews, updateView } from './repo'

/** Saved views of the client directory, shown in the panel's navigation with their counts. */
export const viewRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  const tags = ['Clients']
  const savers = requireRole('supervisor', 'admin')

  app.get('/views', {
    schema: {
      tags, summary: 'Сохранённые виды справочника',
      description: 'Свои и общие для компании, по названию, с числом клиентов сейчас. `problem` — если параметр фильтра в архиве или удалён.',
      response: { 200: viewListSchema },
    },
  }, (req) => listViews(db, req.auth))

  app.post('/views', {
    preHandler: savers,
    schema: {
      tags, summary: 'Сохранить вид', description: 'Руководитель и администратор. Фильтры проверяются, как в GET /clients: неверный — 400 на `body.query`.',
      body: viewInputSchema, response: { 201: viewSchema },
    },
  }, async (req, reply) => reply.code(201).send(await createView(db, req.auth, req.body)))

  app.patch('/views/:viewId', {
    preHandler: savers,
    schema: { tags, summary: 'Изменить вид', description: 'Автор; общий — также администратор.', params: viewParamsSchema, body: viewPatchSchema, response: { 200: viewSchema } },
  }, (req) => updateView(db, req.auth, req.params.viewId, req.body))

  app.delete('/views/:viewId', {
    preHandler: savers,
    schema: { tags, summary: 'Удалить вид', params: viewParamsSchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deleteView(db, req.auth, req.params.viewId)
    return reply.code(204).send(null)
  })
}
