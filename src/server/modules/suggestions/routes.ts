import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { sessionParamsSchema } from '@shared/sessions'
import { suggestionListSchema, suggestionParamsSchema, suggestionSchema } from '@shared/suggestions'
import { actorOf } from '../../http/actor'
import type { RouteContext } from '../../http/context'
import { acceptSuggestion, listSuggestions, rejectSuggestion } from './repo'

/** Values the client wrote, offered for their empty fields and parameters while the dialogue is open. */
export const suggestionRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Suggestions']

  app.get(
    '/sessions/:sessionId/suggestions',
    {
      schema: {
        tags,
        summary: 'Подсказки из сообщений клиента',
        description:
          'Телефоны, почта, даты, ссылки, числа (рядом с названием параметра) и варианты списков из сообщений клиента — ' +
          'для его пустых полей и параметров. Заполненное с тех пор и отклонённое не предлагается. Новые приходят событием `suggestion.created`.',
        params: sessionParamsSchema,
        response: { 200: suggestionListSchema },
      },
    },
    (req) => listSuggestions(db, req.auth.companyId, req.auth.role, req.params.sessionId),
  )

  app.post(
    '/suggestions/:suggestionId/accept',
    {
      schema: {
        tags,
        summary: 'Принять подсказку',
        description: 'Обычная запись значения (в истории — источник `suggestion`). Если поле уже заполнили — 409.',
        params: suggestionParamsSchema,
        response: { 200: suggestionSchema },
      },
    },
    async (req) => {
      const { suggestion, clientId, events } = await acceptSuggestion(db, actorOf(req), req.params.suggestionId)
      for (const { event, seenBy } of events ?? [{ event: { type: 'client.updated' as const, clientId } }]) {
        bus.publish(req.auth.companyId, event, seenBy)
      }
      return suggestion
    },
  )

  app.post(
    '/suggestions/:suggestionId/reject',
    {
      schema: {
        tags,
        summary: 'Отклонить подсказку',
        description: 'Это значение этому клиенту больше не предлагается.',
        params: suggestionParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await rejectSuggestion(db, actorOf(req), req.params.suggestionId)
      return reply.code(204).send(null)
    },
  )
}
