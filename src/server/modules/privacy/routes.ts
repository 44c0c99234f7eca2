import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { clientParamsSchema, clientSchema } from '@shared/clients'
import {
  blockInputSchema,
  documentFormatSchema,
  eraseInputSchema,
  erasureActListSchema,
  erasureActParamsSchema,
  erasureActSchema,
} from '@shared/privacy'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { audit } from '../audit'
import { getCompany } from '../accounts'
import { actHtml } from './act-html'
import { getAct, listActs } from './acts-repo'
import { setBlocked } from './block-repo'
import { closeOpenDialogues, erase } from './erase-service'
import { personalDataHtml } from './export-html'
import { collectPersonalData } from './export-repo'

const ADMINS = 'Только администраторы.'

/** A client's personal data: exported, blocked, destroyed with an act (152-ФЗ). */
export const privacyRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Personal Data']
  const admins = requireRole('admin')
  const changed = (companyId: string, clientId: string) => bus.publish(companyId, { type: 'client.updated', clientId })

  app.get(
    '/clients/:clientId/personal-data',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Все данные о клиенте (ответ на запрос субъекта)',
        description:
          'Карточка, параметры (и скрытые) с историей, метки, диалоги с сообщениями и именами вложений, заметки с прежними ' +
          'редакциями, найденные в сообщениях значения, объединения и прежние внешние ID, записи журнала о клиенте. ' +
          '`format=html` — документ на русском для печати. Выгрузка записывается в журнал. ' +
          ADMINS,
        params: clientParamsSchema,
        querystring: documentFormatSchema,
      },
    },
    async (req, reply) => {
      const { companyId } = req.auth
      const data = await collectPersonalData(db, companyId, req.params.clientId)
      await audit(db, req, {
        action: 'client.exported',
        clientId: req.params.clientId,
        summary: `Выгружены персональные данные клиента ${req.params.clientId} (${req.query.format.toUpperCase()})`,
      })
      reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="personal-data-${req.params.clientId}.${req.query.format}"`,
        )
      if (req.query.format === 'json') return data
      const company = await getCompany(db, companyId)
      return reply.type('text/html; charset=utf-8').send(personalDataHtml(data, company.timeZone))
    },
  )

  for (const [path, blocking] of [
    ['block', true],
    ['unblock', false],
  ] as const) {
    app.post(
      `/clients/:clientId/${path}`,
      {
        preHandler: admins,
        schema: {
          tags,
          summary: blocking ? 'Заблокировать обработку данных клиента' : 'Снять блокировку обработки данных',
          description: blocking
            ? 'Пока проверяется запрос: карточка только для чтения (любая запись — 409 с причиной), клиент не попадает в ' +
              'выгрузки, массовые изменения, сопоставление импорта, шаблоны и вебхуки; диалоги по-прежнему приходят. ' +
              ADMINS
            : ADMINS,
          params: clientParamsSchema,
          body: blockInputSchema,
          response: { 200: clientSchema },
        },
      },
      async (req) => {
        const { companyId } = req.auth
        const { clientId } = req.params
        const client = await setBlocked(db, companyId, clientId, blocking ? req.body.reason : null)
        await audit(db, req, {
          action: blocking ? 'client.blocked' : 'client.unblocked',
          clientId,
          summary: `${blocking ? 'Заблокирована' : 'Разблокирована'} обработка данных клиента ${clientId}: ${req.body.reason}`,
        })
        changed(companyId, clientId)
        return client
      },
    )
  }

  app.post(
    '/clients/:clientId/erase',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Уничтожить персональные данные клиента',
        description:
          'Необратимо. Открытые диалоги закрываются строкой; удаляются поля карточки, значения параметров и значения в их ' +
          'истории, метки, тексты сообщений и вложения, заметки и их редакции, найденные значения, прежние внешние ID, копии ' +
          'для отмены объединений; события вебхуков о клиенте теряют данные. Остаётся обезличенная запись «Клиент удалён ' +
          '<дата>», чтобы сходились счётчики. Вебхукам уходит `client.deleted` с одним id. Ответ — акт об уничтожении. ' +
          'Во время импорта или массового изменения — 409. ' +
          ADMINS,
        params: clientParamsSchema,
        body: eraseInputSchema,
        response: { 200: erasureActSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      const { clientId } = req.params
      const closed = await closeOpenDialogues(db, req.auth, [clientId])
      for (const sessionId of closed) bus.publish(companyId, { type: 'session.updated', sessionId, clientId })
      const act = await erase(db, req, { clientIds: [clientId], ...req.body })
      changed(companyId, clientId)
      return act
    },
  )

  app.get(
    '/erasure-acts',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Акты об уничтожении персональных данных',
        description: `Сначала новые. ${ADMINS}`,
        response: { 200: erasureActListSchema },
      },
    },
    (req) => listActs(db, req.auth.companyId),
  )

  app.get(
    '/erasure-acts/:actId',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Акт об уничтожении',
        description: `\`format=html\` — акт для печати с выгрузкой из журнала. ${ADMINS}`,
        params: erasureActParamsSchema,
        querystring: documentFormatSchema,
      },
    },
    async (req, reply) => {
      const { companyId } = req.auth
      const act = await getAct(db, companyId, req.params.actId)
      reply.header('content-disposition', `attachment; filename="act-${act.number}.${req.query.format}"`)
      if (req.query.format === 'json') return act
      const company = await getCompany(db, companyId)
      return reply.type('text/html; charset=utf-8').send(actHtml(act, company.name, company.timeZone))
    },
  )
}
