import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  DUE_SOON_WORKING_DAYS,
  EXTENSION_WORKING_DAYS,
  erasureActSchema,
  privacyDueSchema,
  privacyRequestInputSchema,
  privacyRequestListSchema,
  privacyRequestParamsSchema,
  privacyRequestPatchSchema,
  privacyRequestQuerySchema,
  privacyRequestSchema,
  privacySettingsPatchSchema,
  privacySettingsSchema,
  retentionPreviewSchema,
} from '@shared/privacy'
import { z } from 'zod'
import { actorOf } from '../../http/actor'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { audit } from '../audit'
import { getAct } from './acts-repo'
import { createRequest, dueCounts, getRequest, listRequests, updateRequest } from './requests-repo'
import { retentionPreview, runRetention } from './retention'
import { getSettings, updateSettings } from './settings-repo'

const ADMINS = 'Только администраторы.'

/** A person's requests under 152-ФЗ with their deadlines; the company's holidays and retention. */
export const privacyRequestRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  const tags = ['Personal Data']
  const admins = requireRole('admin')

  app.get(
    '/privacy-requests',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Запросы по персональным данным',
        description: `Открытые — по сроку, затем закрытые. \`daysLeft\` — рабочих дней до срока (меньше нуля — просрочен). ${ADMINS}`,
        querystring: privacyRequestQuerySchema,
        response: { 200: privacyRequestListSchema },
      },
    },
    (req) => listRequests(db, req.auth.companyId, req.query.status),
  )

  app.post(
    '/privacy-requests',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Зарегистрировать запрос',
        description:
          'Срок считается от дня поступления: сведения — 10 рабочих дней, уточнение — 7, блокирование — 3, уничтожение — 10, ' +
          `отзыв согласия — 30 календарных; рабочие дни — по календарю компании. ${ADMINS}`,
        body: privacyRequestInputSchema,
        response: { 201: privacyRequestSchema },
      },
    },
    async (req, reply) => {
      const request = await createRequest(db, actorOf(req), req.body)
      await audit(db, req, {
        action: 'privacy-request.created',
        clientId: request.client?.id,
        summary: `Запрос № ${request.number} (${request.subject}), срок ${request.dueOn}`,
      })
      return reply.code(201).send(request)
    },
  )

  app.get(
    '/privacy-requests/due',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Сколько запросов с подходящим сроком',
        description: `Открытые со сроком в ближайшие ${DUE_SOON_WORKING_DAYS} рабочих дня и просроченные. ${ADMINS}`,
        response: { 200: privacyDueSchema },
      },
    },
    (req) => dueCounts(db, req.auth.companyId),
  )

  app.get(
    '/privacy-requests/:requestId',
    {
      preHandler: admins,
      schema: { tags, summary: 'Запрос', params: privacyRequestParamsSchema, response: { 200: privacyRequestSchema } },
    },
    (req) => getRequest(db, req.auth.companyId, req.params.requestId),
  )

  app.patch(
    '/privacy-requests/:requestId',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Изменить, продлить или закрыть запрос',
        description:
          `\`extensionReason\` продлевает срок один раз на ${EXTENSION_WORKING_DAYS} рабочих дней (мотивированное уведомление). ` +
          '`resolution` закрывает запрос; для «erased» — с актом (`actId`). Закрытый не меняется (409). ' +
          ADMINS,
        params: privacyRequestParamsSchema,
        body: privacyRequestPatchSchema,
        response: { 200: privacyRequestSchema },
      },
    },
    async (req) => {
      const request = await updateRequest(db, req.auth.companyId, req.params.requestId, req.body)
      const what = req.body.resolution
        ? `закрыт (${req.body.resolution})`
        : req.body.extensionReason
          ? `продлён до ${request.dueOn}: ${req.body.extensionReason}`
          : 'изменён'
      await audit(db, req, {
        action: 'privacy-request.updated',
        clientId: request.client?.id,
        summary: `Запрос № ${request.number} ${what}`,
      })
      return request
    },
  )

  app.get(
    '/privacy/settings',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Календарь сроков и срок хранения',
        description: `Нерабочие дни сверх суббот и воскресений и срок хранения клиентов в месяцах (null — не удалять). ${ADMINS}`,
        response: { 200: privacySettingsSchema },
      },
    },
    (req) => getSettings(db, req.auth.companyId),
  )

  app.patch(
    '/privacy/settings',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Изменить календарь или срок хранения',
        description: `\`holidays: null\` возвращает официальный календарь. ${ADMINS}`,
        body: privacySettingsPatchSchema,
        response: { 200: privacySettingsSchema },
      },
    },
    async (req) => {
      const settings = await updateSettings(db, req.auth.companyId, req.body)
      const parts = [
        ...(req.body.holidays !== undefined
          ? [req.body.holidays === null ? 'официальный календарь' : `нерабочих дней: ${settings.holidays.length}`]
          : []),
        ...(req.body.retentionMonths !== undefined
          ? [`срок хранения: ${settings.retentionMonths === null ? 'бессрочно' : `${settings.retentionMonths} мес.`}`]
          : []),
      ]
      await audit(db, req, {
        action: 'privacy.settings',
        summary: `Настройки ПДн: ${parts.join(', ') || 'без изменений'}`,
      })
      return settings
    },
  )

  app.get(
    '/privacy/retention',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Сколько клиентов удалил бы срок хранения сейчас',
        description: `Пробный прогон: ничего не удаляется. Удаляет ежедневный прогон сервиса. ${ADMINS}`,
        response: { 200: retentionPreviewSchema },
      },
    },
    (req) => retentionPreview(db, req.auth.companyId),
  )

  app.post(
    '/privacy/retention/run',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: 'Уничтожить по сроку хранения сейчас',
        description: `То же, что ежедневный прогон: частями, с одним актом. Ответ — акт или null, если некого. ${ADMINS}`,
        response: { 200: z.object({ act: erasureActSchema.nullable() }) },
      },
    },
    async (req) => {
      const actId = await runRetention(db, req.auth.companyId)
      return { act: actId ? await getAct(db, req.auth.companyId, actId) : null }
    },
  )
}
