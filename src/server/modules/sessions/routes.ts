import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  messageInputSchema,
  messageListQuerySchema,
  messageListSchema,
  messageParamsSchema,
  messageSchema,
  type MessageInput,
} from '@shared/messages'
import {
  sessionCloseInputSchema,
  sessionListQuerySchema,
  sessionListSchema,
  sessionParamsSchema,
  sessionRenameParamsSchema,
  sessionSchema,
  missingRequiredSchema,
  sessionStartInputSchema,
  transferParamsSchema,
} from '@shared/sessions'
import { groupTransferParamsSchema } from '@shared/operator-groups'
import { audit } from '../audit'
import { changeSourceOf } from '../../http/actor'
import type { AuthClaims } from '../auth'
import type { RouteContext } from '../../http/context'
import { sendJsonText } from '../../http/json-text'
import { forbidden } from '../../http/errors'
import { getUser, leastLoadedMember } from '../accounts'
import { listSessionMessages, markMessageRead, postMessage } from './messages-repo'
import {
  changeSessionOperators,
  closeSession,
  findSessionRow,
  getSession,
  listSessions,
  markSessionRead,
  missingToClose,
  setSessionOperator,
  takeSession,
  updateSession,
} from './repo'
import { announceStart, continueSession } from './start-repo'

export const sessionRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus, webhooks }) => {
  const tags = ['Sessions']
  const publishSession = (companyId: string, sessionId: string, clientId?: string) =>
    bus.publish(companyId, { type: 'session.updated', sessionId, clientId })
  /** A system line in the thread ("Диалог закрыт"), then the session as it is now. */
  const systemLine = async (companyId: string, sessionId: string, body: string) => {
    const { message, clientId } = await postMessage(db, companyId, sessionId, { authorType: 'system', body })
    bus.publish(companyId, { type: 'message.created', sessionId, messageId: message.id })
    publishSession(companyId, sessionId, clientId)
  }

  app.get(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Список диалогов',
        description:
          '`clientTagId` — теги клиента диалога (нужны все); `attr.<id>…` — параметры клиента, как в фильтрах GET /clients.',
        querystring: sessionListQuerySchema,
        response: { 200: sessionListSchema },
      },
    },
    async (req, reply) => sendJsonText(reply, await listSessions(db, req.auth.companyId, req.auth.role, req.query)),
  )

  app.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Начать диалог от имени клиента (для каналов)',
        description:
          'Короткая форма PUT /chats/{chatId}/sessions без чата. Клиент с тем же externalId находится, а не создаётся заново: ' +
          'его карточка сохраняется. Если у клиента есть открытый диалог, сообщение попадает в него (200); иначе начинается новый (201).',
        body: sessionStartInputSchema,
        response: { 200: sessionSchema, 201: sessionSchema },
      },
    },
    async (req, reply) => {
      const { companyId } = req.auth
      const { client, message, channel } = req.body
      const started = await continueSession(db, companyId, {
        client,
        channel,
        message: { body: message, attachments: [] },
      })
      announceStart(bus, companyId, started)
      return reply.code(started.continued ? 200 : 201).send(await getSession(db, companyId, started.sessionId))
    },
  )

  app.get(
    '/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'Диалог',
        description: 'Параметры запроса списка принимаются (так шлёт их SDK TWIN) и ни на что не влияют.',
        params: sessionParamsSchema,
        querystring: sessionListQuerySchema,
        response: { 200: sessionSchema },
      },
    },
    (req) => getSession(db, req.auth.companyId, req.params.sessionId),
  )

  app.delete(
    '/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'Закрыть диалог',
        description:
          'Обязательные при закрытии параметры — правило для операторов в панели: пока у клиента они пусты, закрытие из панели — 409, ' +
          '`details`: `[{ attributeId, name }]`; руководитель и администратор могут закрыть всё равно (`force: true`). Закрытие через API ' +
          '(SDK, токен интеграции) проходит всегда. Закрытие без обязательных параметров видно в диалоге (строка с тем, чего не хватило) и в журнале.',
        params: sessionParamsSchema,
        body: sessionCloseInputSchema.nullish(),
        response: { 200: sessionSchema },
      },
    },
    async (req) => {
      const { companyId, role } = req.auth
      const { sessionId } = req.params
      const session = await getSession(db, companyId, sessionId)
      if (session.status === 'closed') return session
      const fromPanel = changeSourceOf(req) === 'panel'
      const asked = req.body?.force === true
      if (asked && role === 'operator' && fromPanel) throw forbidden()
      // Required parameters are the panel's rule for operators: a channel or an integration closing a
      // dialogue is not refused (TWIN's SDK has no way to fill them first); what was missing is said.
      const missing = await closeSession({ db, companyId, role, sessionId, force: asked || !fromPanel })
      const result = req.body?.result ? `: ${req.body.result}` : ''
      const skipped = missing.length
        ? ` без обязательных параметров (${missing.map((m) => `«${m.name}»`).join(', ')})`
        : ''
      if (skipped) {
        const by = await getUser(db, companyId, req.auth.userId)
        const via = fromPanel ? '' : ' через API'
        await audit(db, req, { action: 'session.force-closed', summary: `Диалог ${sessionId} закрыт${via}${skipped}` })
        await systemLine(companyId, sessionId, `${by.name} закрыл диалог${via}${skipped}${result}`)
      } else {
        await systemLine(companyId, sessionId, `Диалог закрыт${result}`)
      }
      return getSession(db, companyId, sessionId)
    },
  )

  app.get(
    '/sessions/:sessionId/required',
    {
      schema: {
        tags,
        summary: 'Что нужно заполнить до закрытия (ext)',
        description:
          'Пустые параметры клиента, обязательные при закрытии этого диалога, и группы тегов сессии без тега — то же, что назвал бы 409 закрытия из панели.',
        params: sessionParamsSchema,
        response: { 200: z.object({ items: z.array(missingRequiredSchema) }) },
      },
    },
    async (req) => ({ items: await missingToClose(db, req.auth.companyId, req.auth.role, req.params.sessionId) }),
  )

  app.post(
    '/sessions/:sessionId/take',
    {
      schema: {
        tags,
        summary: 'Взять диалог себе (ext)',
        description:
          'Открытый диалог без оператора становится диалогом вызывающего. Если его уже взял кто-то другой или он закрыт — 409 с тем, кто взял.',
        params: sessionParamsSchema,
        response: { 200: sessionSchema },
      },
    },
    async (req) => {
      const { companyId, userId } = req.auth
      const { sessionId } = req.params
      if (await takeSession(db, companyId, sessionId, userId)) {
        const me = await getUser(db, companyId, userId)
        await systemLine(companyId, sessionId, `${me.name} взял диалог`)
      }
      return getSession(db, companyId, sessionId)
    },
  )

  app.patch(
    '/sessions/:sessionId/operators/:operatorId',
    {
      schema: {
        tags,
        summary: 'Передать диалог другому оператору',
        params: transferParamsSchema,
        response: { 200: sessionSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      const { sessionId, operatorId } = req.params
      const operator = await setSessionOperator(db, companyId, sessionId, operatorId)
      await systemLine(companyId, sessionId, `Диалог передан оператору ${operator.name}`)
      return getSession(db, companyId, sessionId)
    },
  )

  app.patch(
    '/sessions/:sessionId/groupoperators/:groupId',
    {
      schema: {
        tags,
        summary: 'Передать диалог группе операторов',
        description:
          'Диалог получает наименее загруженный (меньше всего открытых диалогов) оператор группы из тех, кто на связи. ' +
          'Если таких нет — 409.',
        params: groupTransferParamsSchema,
        response: { 200: sessionSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      const { sessionId, groupId } = req.params
      await findSessionRow(db, companyId, sessionId)
      const { group, member } = await leastLoadedMember(db, companyId, groupId)
      await setSessionOperator(db, companyId, sessionId, member.id)
      await systemLine(companyId, sessionId, `Диалог передан группе «${group.name}»: оператору ${member.name}`)
      return getSession(db, companyId, sessionId)
    },
  )

  for (const [method, op] of [
    ['PUT', 'add'],
    ['DELETE', 'remove'],
  ] as const) {
    app.route({
      method,
      url: '/sessions/:sessionId/operators/:operatorId',
      schema: {
        tags,
        summary: op === 'add' ? 'Добавить в диалог ещё одного оператора' : 'Убрать добавленного оператора из диалога',
        description: 'Диалог виден в «Мои» у каждого добавленного оператора. Повтор ничего не меняет.',
        params: transferParamsSchema,
        response: { 200: sessionSchema },
      },
      handler: async (req) => {
        const { companyId } = req.auth
        const { sessionId, operatorId } = req.params
        const { operator, changed } = await changeSessionOperators({ db, companyId, sessionId, operatorId, op })
        if (changed)
          await systemLine(
            companyId,
            sessionId,
            `${operator.name} ${op === 'add' ? 'добавлен в диалог' : 'больше не в диалоге'}`,
          )
        return getSession(db, companyId, sessionId)
      },
    })
  }

  app.patch(
    '/sessions/:sessionId/names/:name',
    {
      schema: {
        tags,
        summary: 'Переименовать диалог',
        params: sessionRenameParamsSchema,
        response: { 200: sessionSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      const { clientId } = await updateSession(db, companyId, req.params.sessionId, { name: req.params.name })
      publishSession(companyId, req.params.sessionId, clientId)
      return getSession(db, companyId, req.params.sessionId)
    },
  )

  for (const [url, markedAsSpam] of [
    ['/sessions/:sessionId/spam', true],
    ['/sessions/:sessionId/notSpam', false],
  ] as const) {
    app.patch(
      url,
      {
        schema: {
          tags,
          summary: markedAsSpam ? 'Отметить диалог как спам' : 'Снять отметку «спам»',
          description:
            'Спам не показывается в общем списке диалогов; его показывает фильтр markedAsSpam=true («Спам» в панели).',
          params: sessionParamsSchema,
          response: { 200: sessionSchema },
        },
      },
      async (req) => {
        const { companyId } = req.auth
        const { clientId } = await updateSession(db, companyId, req.params.sessionId, { markedAsSpam })
        publishSession(companyId, req.params.sessionId, clientId)
        return getSession(db, companyId, req.params.sessionId)
      },
    )
  }

  app.post(
    '/sessions/:sessionId/read',
    {
      schema: {
        tags,
        summary: 'Отметить сообщения клиента прочитанными',
        params: sessionParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await markSessionRead(db, req.auth.companyId, req.params.sessionId)
      publishSession(req.auth.companyId, req.params.sessionId)
      return reply.code(204).send(null)
    },
  )

  const messageTags = ['Messages']
  app.get(
    '/sessions/:sessionId/messages',
    {
      schema: {
        tags: messageTags,
        summary: 'Сообщения диалога',
        description:
          'Последние `limit` сообщений (offset отсчитывается от самого нового), по возрастанию времени; ' +
          '`sort=createdAt` — с первого сообщения, `sort=-createdAt` — новые первыми.',
        params: sessionParamsSchema,
        querystring: messageListQuerySchema,
        response: { 200: messageListSchema },
      },
    },
    (req) => listSessionMessages(db, req.auth.companyId, req.params.sessionId, req.query),
  )

  const post = async (authorType: 'operator' | 'client', auth: AuthClaims, sessionId: string, input: MessageInput) => {
    const { companyId, userId } = auth
    const author = authorType === 'operator' ? await getUser(db, companyId, userId) : null
    const { message, clientId, suggested } = await postMessage(db, companyId, sessionId, {
      authorType,
      authorId: author?.id ?? null,
      authorName: author?.name ?? null,
      ...input,
    })
    bus.publish(companyId, { type: 'message.created', sessionId, messageId: message.id })
    // A reply reaches the client's channel now rather than at the worker's next look.
    webhooks.nudge()
    if (suggested) bus.publish(companyId, { type: 'suggestion.created', sessionId, clientId })
    publishSession(companyId, sessionId, clientId)
    return message
  }

  app.post(
    '/sessions/:sessionId/operators/messages',
    {
      schema: {
        tags: messageTags,
        summary: 'Ответ оператора',
        params: sessionParamsSchema,
        body: messageInputSchema,
        response: { 201: messageSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await post('operator', req.auth, req.params.sessionId, req.body)),
  )

  app.post(
    '/sessions/:sessionId/clients/messages',
    {
      schema: {
        tags: messageTags,
        summary: 'Сообщение клиента (для каналов)',
        params: sessionParamsSchema,
        body: messageInputSchema,
        response: { 201: messageSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await post('client', req.auth, req.params.sessionId, req.body)),
  )

  app.patch(
    '/messages/:messageId/read',
    {
      schema: {
        tags: messageTags,
        summary: 'Отметить сообщение прочитанным',
        params: messageParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const { companyId } = req.auth
      const message = await markMessageRead(db, companyId, req.params.messageId)
      const { clientId } = await findSessionRow(db, companyId, message.sessionId)
      publishSession(companyId, message.sessionId, clientId)
      return reply.code(204).send(null)
    },
  )
}
