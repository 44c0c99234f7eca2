import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { clientParamsSchema } from '@shared/clients'
import { listQuerySchema } from '@shared/common'
import { messageListQuerySchema, messageListSchema } from '@shared/messages'
import { sessionListSchema } from '@shared/sessions'
import type { RouteContext } from '../../http/context'
import { sendJsonText } from '../../http/json-text'
import { listClientMessages } from './messages-repo'
import { listSessions } from './repo'

/** A client's dialogues and messages across them, on the client's path. */
export const clientDialogueRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  const tags = ['Clients']
  const params = clientParamsSchema

  app.get(
    '/clients/:clientId/sessions',
    {
      schema: {
        tags,
        summary: 'История диалогов клиента',
        params,
        querystring: listQuerySchema,
        response: { 200: sessionListSchema },
      },
    },
    async (req, reply) =>
      sendJsonText(
        reply,
        await listSessions(db, req.auth.companyId, req.auth.role, {
          ...req.query,
          clientId: req.params.clientId,
          attributeFilters: [],
        }),
      ),
  )

  app.get(
    '/clients/:clientId/messages',
    {
      schema: {
        tags,
        summary: 'Сообщения клиента во всех диалогах',
        params,
        querystring: messageListQuerySchema,
        response: { 200: messageListSchema },
      },
    },
    (req) => listClientMessages(db, req.auth.companyId, req.params.clientId, req.query),
  )
}
