import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  renderedSchema,
  templateInputSchema,
  templateListQuerySchema,
  templateListSchema,
  templateParamsSchema,
  templatePatchSchema,
  templatePreviewInputSchema,
  templateSchema,
  templateUsageSchema,
  templateUseInputSchema,
  templateUseParamsSchema,
} from '@shared/templates'
import { actorOf } from '../../http/actor'
import type { RouteContext } from '../../http/context'
import { createTemplate, deleteTemplate, getTemplate, listTemplates, templateUsage, updateTemplate } from './repo'
import { previewTemplate, renderTemplate, useTemplate } from './use'

const HELP =
  'Переменные: {{client.name}}, {{client.firstName}}, {{client.phone}}, {{client.email}}, {{operator.name}}, ' +
  '{{company.name}}, {{param.<Имя параметра>}}; запасной текст для пустого значения: {{param.Город | "вашем городе"}}. ' +
  'Общие шаблоны ведут руководители и администраторы, личные — каждый сам.'

/** Reply templates and macros: kept, rendered for a dialogue's client, used. */
export const templateRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Templates']

  app.get(
    '/templates',
    {
      schema: {
        tags,
        summary: 'Шаблоны ответов (ext)',
        description: `Общие и свои; с sessionId — только те, что подходят к каналу диалога и группе вызывающего. ${HELP}`,
        querystring: templateListQuerySchema,
        response: { 200: templateListSchema },
      },
    },
    (req) => listTemplates(db, req.auth, req.query),
  )

  app.post(
    '/templates',
    {
      schema: {
        tags,
        summary: 'Новый шаблон (ext)',
        description: HELP,
        body: templateInputSchema,
        response: { 201: templateSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createTemplate(db, req.auth, req.body)),
  )

  app.get(
    '/templates/usage',
    {
      schema: {
        tags,
        summary: 'Как пользуются общими шаблонами (ext)',
        description:
          'Для руководителей и администраторов: сколько раз, кем и когда последний раз; неиспользуемые — с нулём.',
        response: { 200: templateUsageSchema },
      },
    },
    (req) => templateUsage(db, req.auth),
  )

  app.post(
    '/templates/preview',
    {
      schema: {
        tags,
        summary: 'Проверить текст шаблона на клиенте (ext)',
        description: 'Для редактора: текст с переменными — как его увидит этот клиент. Ничего не сохраняется.',
        body: templatePreviewInputSchema,
        response: { 200: renderedSchema },
      },
    },
    (req) => previewTemplate(db, actorOf(req), req.body),
  )

  app.get(
    '/templates/:templateId',
    { schema: { tags, summary: 'Шаблон (ext)', params: templateParamsSchema, response: { 200: templateSchema } } },
    (req) => getTemplate(db, req.auth, req.params.templateId),
  )

  app.patch(
    '/templates/:templateId',
    {
      schema: {
        tags,
        summary: 'Изменить шаблон (ext)',
        params: templateParamsSchema,
        body: templatePatchSchema,
        response: { 200: templateSchema },
      },
    },
    (req) => updateTemplate(db, req.auth, req.params.templateId, req.body),
  )

  app.delete(
    '/templates/:templateId',
    { schema: { tags, summary: 'Удалить шаблон (ext)', params: templateParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteTemplate(db, req.auth, req.params.templateId)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/sessions/:sessionId/templates/:templateId/render',
    {
      schema: {
        tags,
        summary: 'Текст шаблона для клиента диалога (ext)',
        description:
          'Ничего не пишет. `missing` — пустые у клиента параметры без запасного текста (в тексте на их месте «[Имя]»), ' +
          '`steps` — что изменит макрос.',
        params: templateUseParamsSchema,
        response: { 200: renderedSchema },
      },
    },
    (req) => renderTemplate(db, actorOf(req), req.params.sessionId, req.params.templateId),
  )

  app.post(
    '/sessions/:sessionId/templates/:templateId/use',
    {
      schema: {
        tags,
        summary: 'Использовать шаблон в диалоге (ext)',
        description:
          'Заполненные оператором пустые параметры пишутся в карточку (источник «шаблон»), макрос ставит теги и параметры ' +
          '(то, что правила не дают, пропускается с причиной в `steps`), использование считается. Ответ — текст по карточке ' +
          'как она теперь; сообщение не отправляется.',
        params: templateUseParamsSchema,
        body: templateUseInputSchema,
        response: { 200: renderedSchema },
      },
    },
    (req) =>
      useTemplate(db, bus, {
        actor: actorOf(req),
        sessionId: req.params.sessionId,
        templateId: req.params.templateId,
        input: req.body,
      }),
  )
}
