import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  chatInputSchema,
  chatListQuerySchema,
  chatListSchema,
  chatParamsSchema,
  chatPatchSchema,
  chatSchema,
  startChatSessionInputSchema,
  startChatSessionResultSchema,
  type StartChatSessionInput,
} from '@shared/chats'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import type { Db } from '../../db/client'
import { announceStart, continueSession, getMessagesOf, type Started, type StartInput, startSession } from '../sessions'
import { checkCallbackUrl } from '../webhooks'
import { createChat, getChat, listChats, updateChat } from './repo'

/** TWIN's StartChatSessionRequest in our words: the client's name from whichever name fields it sends. */
const startInput = (chatId: string, b: StartChatSessionInput): StartInput & { chatId: string } => {
  const fullName = [b.clientLastName, b.clientFirstName, b.clientMiddleName].filter((p) => p?.trim()).join(' ')
  const body = b.messageBody ?? ''
  const attachments = b.messageAttachments ?? []
  return {
    chatId,
    client: {
      id: b.clientId,
      externalId: b.clientExternalId,
      name: b.clientName || fullName || b.clientNameForOperator,
      phone: b.clientPhone,
      email: b.clientEmail,
      metadata: b.clientMetadata,
    },
    message: body || attachments.length ? { body, attachments } : null,
    channel: b.channel,
    messengerType: b.messengerType,
    name: b.name,
    callbacks: {
      callbackUrl: b.callbackUrl || null,
      callbackData: b.callbackData,
      eventCallbackUrl: b.eventCallbackUrl || null,
      eventCallbackData: b.eventCallbackData,
      notifyOnEvents: b.notifyOnEvents,
    },
  }
}

async function startResult(db: Db, companyId: string, s: Started) {
  const first = s.messageId ? await getMessagesOf(db, companyId, [s.messageId]) : []
  return {
    id: s.sessionId,
    clientId: s.clientId,
    messageId: s.messageId,
    startedAt: s.startedAt.toISOString(),
    ttl: s.ttl,
    messages: first.map((m) => ({
      authorId: m.authorId,
      authorType: m.authorType,
      body: m.body,
      attachments: m.attachments,
    })),
  }
}

/** TWIN's chats: the channels dialogues come through, and starting a dialogue in one. */
export const chatRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus, webhooks }) => {
  const tags = ['Chats']
  const adminOnly = requireRole('admin')
  const changed = (companyId: string) => bus.publish(companyId, { type: 'catalog.changed', catalog: 'chats' })
  /** A callback into the service's own network is refused, as a webhook's is. */
  const checkUrls = async (b: { callbackUrl?: string | null; eventCallbackUrl?: string | null }) => {
    if (b.callbackUrl) await checkCallbackUrl(b.callbackUrl, webhooks.allowInternal, 'body.callbackUrl')
    if (b.eventCallbackUrl) await checkCallbackUrl(b.eventCallbackUrl, webhooks.allowInternal, 'body.eventCallbackUrl')
  }

  app.get(
    '/chats',
    {
      schema: {
        tags,
        summary: 'Список чатов (каналов)',
        querystring: chatListQuerySchema,
        response: { 200: chatListSchema },
      },
    },
    (req) => listChats(db, req.auth.companyId, req.query),
  )

  app.post(
    '/chats',
    {
      preHandler: adminOnly,
      schema: { tags, summary: 'Создать чат', body: chatInputSchema, response: { 201: chatSchema } },
    },
    async (req, reply) => {
      await checkUrls(req.body)
      const chat = await createChat(db, req.auth.companyId, req.body)
      changed(req.auth.companyId)
      return reply.code(201).send(chat)
    },
  )

  app.get(
    '/chats/:chatId',
    {
      schema: { tags, summary: 'Чат', params: chatParamsSchema, response: { 200: chatSchema } },
    },
    (req) => getChat(db, req.auth.companyId, req.params.chatId),
  )

  app.put(
    '/chats/:chatId',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Изменить чат',
        description: 'Меняются только переданные поля.',
        params: chatParamsSchema,
        body: chatPatchSchema,
        response: { 200: chatSchema },
      },
    },
    async (req) => {
      await checkUrls(req.body)
      const chat = await updateChat(db, req.auth.companyId, req.params.chatId, req.body)
      changed(req.auth.companyId)
      return chat
    },
  )

  app.delete(
    '/chats/:chatId',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Удалить чат (в архив)',
        description: 'Новые диалоги в нём не начинаются; прежние остаются.',
        params: chatParamsSchema,
        response: { 200: chatSchema },
      },
    },
    async (req) => {
      const chat = await updateChat(db, req.auth.companyId, req.params.chatId, { archived: true })
      changed(req.auth.companyId)
      return chat
    },
  )

  app.post(
    '/chats/:chatId/sessions',
    {
      schema: {
        tags,
        summary: 'Начать диалог в чате',
        description:
          'Клиент с тем же clientExternalId (или clientId) находится, а не создаётся заново: его карточка сохраняется.',
        params: chatParamsSchema,
        body: startChatSessionInputSchema,
        response: { 201: startChatSessionResultSchema },
      },
    },
    async (req, reply) => {
      const { companyId } = req.auth
      await checkUrls(req.body)
      const started = await startSession(db, companyId, startInput(req.params.chatId, req.body))
      webhooks.nudge()
      announceStart(bus, companyId, started)
      return reply.code(201).send(await startResult(db, companyId, started))
    },
  )

  app.put(
    '/chats/:chatId/sessions',
    {
      schema: {
        tags,
        summary: 'Продолжить диалог клиента в чате',
        description: 'Сообщение попадает в открытый диалог клиента в этом чате; если его нет, начинается новый.',
        params: chatParamsSchema,
        body: startChatSessionInputSchema,
        response: { 200: startChatSessionResultSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      await checkUrls(req.body)
      const started = await continueSession(db, companyId, startInput(req.params.chatId, req.body))
      webhooks.nudge()
      announceStart(bus, companyId, started)
      return startResult(db, companyId, started)
    },
  )
}
