import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { messageInputSchema, messageListQuerySchema, messageListSchema, messageSchema } from '@shared/messages'
import {
  sessionListQuerySchema, sessionListSchema, sessionParamsSchema, sessionSchema, sessionStartInputSchema, transferParamsSchema,
} from '@shared/sessions'
import type { AuthClaims } from '../../auth/tokens'
import type { RouteContext } from '../../context'
import { getUser } from '../operators/repo'
import { listSessionMessages, postMessage } from './messages-repo'
import { closeSession, getSession, listSessions, markSessionRead, setSessionOperator, startSession } from './repo'

export const sessionRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Sessions']
  const publishSession = (companyId: string, sessionId: string, clientId?: string) =>
    bus.publish(companyId, { type: 'session.updated', sessionId, clientId })

  app.get('/sessions', {
    schema: { tags, summary: 'Список диалогов', querystring: sessionListQuerySchema, response: { 200: sessionListSchema } },
  }, (req) => listSessions(db, req.auth.companyId, req.query))

  app.post('/sessions', {
    schema: {
      tags, summary: 'Начать диалог от имени клиента (для каналов)',
      description: 'Клиент с тем же externalId находится, а не создаётся заново: его карточка сохраняется.',
      body: sessionStartInputSchema, response: { 201: sessionSchema },
    },
  }, async (req, reply) => {
    const { companyId } = req.auth
    const started = await startSession(db, companyId, req.body)
    bus.publish(companyId, { type: 'session.created', sessionId: started.sessionId, clientId: started.clientId })
    bus.publish(companyId, { type: 'message.created', sessionId: started.sessionId, messageId: started.messageId })
    bus.publish(companyId, { type: 'client.updated', clientId: started.clientId })
    return reply.code(201).send(await getSession(db, companyId, started.sessionId))
  })

  app.get('/sessions/:sessionId', {
    schema: { tags, summary: 'Диалог', params: sessionParamsSchema, response: { 200: sessionSchema } },
  }, (req) => getSession(db, req.auth.companyId, req.params.sessionId))

  app.delete('/sessions/:sessionId', {
    schema: { tags, summary: 'Закрыть диалог', params: sessionParamsSchema, response: { 200: sessionSchema } },
  }, async (req) => {
    const { companyId } = req.auth
    const { sessionId } = req.params
    const session = await getSession(db, companyId, sessionId)
    if (session.status === 'closed') return session
    const { message } = await postMessage(db, companyId, sessionId, { authorType: 'system', body: 'Диалог закрыт' })
    await closeSession(db, companyId, sessionId)
    bus.publish(companyId, { type: 'message.created', sessionId, messageId: message.id })
    publishSession(companyId, sessionId, session.clientId)
    return getSession(db, companyId, sessionId)
  })

  app.patch('/sessions/:sessionId/operators/:operatorId', {
    schema: { tags, summary: 'Передать диалог другому оператору', params: transferParamsSchema, response: { 200: sessionSchema } },
  }, async (req) => {
    const { companyId } = req.auth
    const { sessionId, operatorId } = req.params
    const operator = await setSessionOperator(db, companyId, sessionId, operatorId)
    const { message, clientId } = await postMessage(db, companyId, sessionId, {
      authorType: 'system', body: `Диалог передан оператору ${operator.name}`,
    })
    bus.publish(companyId, { type: 'message.created', sessionId, messageId: message.id })
    publishSession(companyId, sessionId, clientId)
    return getSession(db, companyId, sessionId)
  })

  app.post('/sessions/:sessionId/read', {
    schema: { tags, summary: 'Отметить сообщения клиента прочитанными', params: sessionParamsSchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await markSessionRead(db, req.auth.companyId, req.params.sessionId)
    publishSession(req.auth.companyId, req.params.sessionId)
    return reply.code(204).send(null)
  })

  const messageTags = ['Messages']
  app.get('/sessions/:sessionId/messages', {
    schema: {
      tags: messageTags, summary: 'Сообщения диалога',
      description: 'Последние `limit` сообщений (offset отсчитывается от самого нового), по возрастанию времени.',
      params: sessionParamsSchema, querystring: messageListQuerySchema, response: { 200: messageListSchema },
    },
  }, (req) => listSessionMessages(db, req.auth.companyId, req.params.sessionId, req.query))

  const post = async (authorType: 'operator' | 'client', auth: AuthClaims, sessionId: string, body: string) => {
    const { companyId, userId } = auth
    const author = authorType === 'operator' ? await getUser(db, companyId, userId) : null
    const { message, clientId } = await postMessage(db, companyId, sessionId, {
      authorType, authorId: author?.id ?? null, authorName: author?.name ?? null, body,
    })
    bus.publish(companyId, { type: 'message.created', sessionId, messageId: message.id })
    publishSession(companyId, sessionId, clientId)
    return message
  }

  app.post('/sessions/:sessionId/operators/messages', {
    schema: { tags: messageTags, summary: 'Ответ оператора', params: sessionParamsSchema, body: messageInputSchema, response: { 201: messageSchema } },
  }, async (req, reply) => reply.code(201).send(await post('operator', req.auth, req.params.sessionId, req.body.body)))

  app.post('/sessions/:sessionId/clients/messages', {
    schema: { tags: messageTags, summary: 'Сообщение клиента (для каналов)', params: sessionParamsSchema, body: messageInputSchema, response: { 201: messageSchema } },
  }, async (req, reply) => reply.code(201).send(await post('client', req.auth, req.params.sessionId, req.body.body)))
}
