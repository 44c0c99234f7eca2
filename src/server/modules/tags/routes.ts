import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  assignedTagListSchema,
  clientTagParamsSchema,
  clientTagWriteQuerySchema,
  sessionTagParamsSchema,
  tagCatalogQuerySchema,
  tagCreateInputSchema,
  tagCreateQuerySchema,
  tagGroupInputSchema,
  tagGroupListSchema,
  tagGroupParamsSchema,
  tagGroupPatchSchema,
  tagGroupSchema,
  tagListSchema,
  tagParamsSchema,
  tagPatchInputSchema,
  tagSchema,
} from '@shared/tags'
import { audit } from '../audit'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { badRequest } from '../../http/errors'
import { changeSourceOf } from '../../http/actor'
import { applyTagChange, findSession, listAssigned } from './assignments-repo'
import { createTagGroup, deleteTagGroup, listTagGroups, updateTagGroup } from './groups-repo'
import { createTag, listTags, updateTag } from './repo'

const catalogs = [
  {
    kind: 'client',
    base: '/clients',
    openapi: 'Client Tags',
    catalog: 'clientTags',
    title: 'Теги клиентов',
    one: 'тег клиента',
  },
  {
    kind: 'session',
    base: '/sessions',
    openapi: 'Session Tags',
    catalog: 'sessionTags',
    title: 'Теги сессий',
    one: 'тег сессии',
  },
] as const

const ops = [
  { op: 'add', method: 'PUT', verb: 'Добавить' },
  { op: 'remove', method: 'DELETE', verb: 'Убрать' },
] as const

const idempotent = 'Идемпотентно: повтор ничего не меняет и не ошибка; ответ — теги после изменения.'
// 409, not 400: the request itself is well-formed, the tag's state is what stands in the way
// (restoring the tag makes the same request succeed).
const archivedNote = 'Архивный тег добавить нельзя (409), но там, где он уже стоит, он остаётся.'
const clientLineNote =
  'С `?sessionId=` (диалог, в котором работает оператор) в этот диалог пишется системная строка ' +
  'об изменении; без него строки нет. Диалог должен быть диалогом этого клиента.'

/**
 * Two catalogs (client tags, session tags) and putting their tags on clients and sessions.
 * Static segments win over parameters in Fastify's router, so `/clients/tags` never reaches `/clients/:clientId`.
 */
export const tagRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const admin = requireRole('admin')

  for (const { kind, base, openapi, catalog, title, one } of catalogs) {
    const tags = [openapi]
    const catalogChanged = async (req: FastifyRequest, tag: { name: string }, what: string) => {
      bus.publish(req.auth.companyId, { type: 'catalog.changed', catalog })
      await audit(db, req, {
        action: 'catalog.changed',
        summary: `${kind === 'client' ? 'Тег клиента' : 'Тег диалога'} «${tag.name}»: ${what}`,
      })
    }

    app.get(
      `${base}/tags`,
      {
        schema: {
          tags,
          summary: `${title}: каталог`,
          description: 'Весь каталог, без страниц; `includeArchived=true` добавляет архивные.',
          querystring: tagCatalogQuerySchema,
          response: { 200: tagListSchema },
        },
      },
      (req) => listTags(db, req.auth.companyId, kind, req.query.includeArchived),
    )

    app.post(
      `${base}/tags`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: `Создать ${one}`,
          description:
            'Название в поле `tag` (как в TWIN) или `name`; уникально в этом каталоге без учёта регистра и пробелов по краям.',
          querystring: tagCreateQuerySchema,
          body: tagCreateInputSchema.nullish(),
          response: { 201: tagSchema },
        },
      },
      async (req, reply) => {
        const { tag: fromBody, name, ...rest } = req.body ?? {}
        if (fromBody !== undefined && name !== undefined)
          throw badRequest('body.name', 'Укажите название в одном поле: tag или name')
        const [field, value] =
          fromBody !== undefined
            ? ['body.tag', fromBody]
            : name !== undefined
              ? ['body.name', name]
              : ['querystring.tag', req.query.tag]
        if (value === undefined)
          throw badRequest('body.tag', 'Введите название тега: поле tag (или name) или параметр ?tag=')
        const tag = await createTag({ db, companyId: req.auth.companyId, kind, input: { ...rest, name: value }, field })
        await catalogChanged(req, tag, 'создан')
        return reply.code(201).send(tag)
      },
    )

    app.get(
      `${base}/tag-groups`,
      {
        schema: { tags, summary: `${title}: группы`, response: { 200: tagGroupListSchema } },
      },
      (req) => listTagGroups(db, req.auth.companyId, kind),
    )

    app.post(
      `${base}/tag-groups`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: 'Создать группу тегов',
          description:
            '`single` (по умолчанию true): из группы стоит один тег, новый снимает прежний одним шагом истории. ' +
            (kind === 'session' ? '`requiredToClose`: диалог не закрыть без тега из группы.' : ''),
          body: tagGroupInputSchema,
          response: { 201: tagGroupSchema },
        },
      },
      async (req, reply) => {
        const group = await createTagGroup(db, req.auth.companyId, kind, req.body)
        await catalogChanged(req, group, 'группа создана')
        return reply.code(201).send(group)
      },
    )

    app.patch(
      `${base}/tag-groups/:groupId`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: 'Изменить группу тегов',
          params: tagGroupParamsSchema,
          body: tagGroupPatchSchema,
          response: { 200: tagGroupSchema },
        },
      },
      async (req) => {
        const group = await updateTagGroup({
          db,
          companyId: req.auth.companyId,
          kind,
          groupId: req.params.groupId,
          patch: req.body,
        })
        await catalogChanged(req, group, 'группа изменена')
        return group
      },
    )

    app.delete(
      `${base}/tag-groups/:groupId`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: 'Удалить группу тегов',
          description: 'Теги остаются, без группы.',
          params: tagGroupParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteTagGroup(db, req.auth.companyId, kind, req.params.groupId)
        bus.publish(req.auth.companyId, { type: 'catalog.changed', catalog })
        return reply.code(204).send(null)
      },
    )

    app.patch(
      `${base}/tags/:tagId`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: `Изменить ${one}`,
          description: 'Название, цвет, описание; `archived: true` — в архив, `false` — восстановить.',
          params: tagParamsSchema,
          body: tagPatchInputSchema,
          response: { 200: tagSchema },
        },
      },
      async (req) => {
        const tag = await updateTag({
          db,
          companyId: req.auth.companyId,
          kind,
          tagId: req.params.tagId,
          patch: req.body,
        })
        await catalogChanged(req, tag, 'изменён')
        return tag
      },
    )

    app.delete(
      `${base}/tags/:tagId`,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: `Убрать ${one} в архив`,
          description: 'Тег пропадает из выбора, но остаётся там, где уже стоит.',
          params: tagParamsSchema,
          response: { 200: tagSchema },
        },
      },
      async (req) => {
        const tag = await updateTag({
          db,
          companyId: req.auth.companyId,
          kind,
          tagId: req.params.tagId,
          patch: { archived: true },
        })
        await catalogChanged(req, tag, 'в архиве')
        return tag
      },
    )
  }

  const clientParams = clientTagParamsSchema.omit({ tagId: true })
  app.get(
    '/clients/:clientId/tags',
    {
      schema: {
        tags: ['Client Tags'],
        summary: 'Теги клиента',
        params: clientParams,
        response: { 200: assignedTagListSchema },
      },
    },
    (req) => listAssigned(db, 'client', req.params.clientId),
  )

  const sessionParams = sessionTagParamsSchema.omit({ tagId: true })
  app.get(
    '/sessions/:sessionId/tags',
    {
      schema: {
        tags: ['Session Tags'],
        summary: 'Теги сессии',
        params: sessionParams,
        response: { 200: assignedTagListSchema },
      },
    },
    async (req) => {
      await findSession(db, req.auth.companyId, req.params.sessionId)
      return listAssigned(db, 'session', req.params.sessionId)
    },
  )

  for (const { op, method, verb } of ops) {
    const note = [idempotent, op === 'add' ? archivedNote : ''].join(' ')

    app.route({
      method,
      url: '/clients/:clientId/tags/:tagId',
      schema: {
        tags: ['Client Tags'],
        summary: `${verb} тег клиента`,
        description: `${note} ${clientLineNote}`,
        params: clientTagParamsSchema,
        querystring: clientTagWriteQuerySchema,
        response: { 200: assignedTagListSchema },
      },
      handler: async (req) => {
        const { companyId, userId } = req.auth
        const { clientId, tagId } = req.params
        const line = req.query.sessionId ? await findSession(db, companyId, req.query.sessionId, clientId) : undefined
        const source = changeSourceOf(req)
        const ownerId = await applyTagChange(db, bus, {
          change: { kind: 'client', op, companyId, userId, ownerId: clientId, tagId, lineSessionId: line?.id, source },
          clientId,
        })
        return listAssigned(db, 'client', ownerId)
      },
    })

    app.route({
      method,
      url: '/sessions/:sessionId/tags/:tagId',
      schema: {
        tags: ['Session Tags'],
        summary: `${verb} тег сессии`,
        description: `${note} Системная строка пишется в этот диалог.`,
        params: sessionTagParamsSchema,
        response: { 200: assignedTagListSchema },
      },
      handler: async (req) => {
        const { companyId, userId } = req.auth
        const { sessionId, tagId } = req.params
        const session = await findSession(db, companyId, sessionId)
        await applyTagChange(db, bus, {
          change: { kind: 'session', op, companyId, userId, ownerId: sessionId, tagId, lineSessionId: sessionId },
          clientId: session.clientId,
        })
        return listAssigned(db, 'session', sessionId)
      },
    })
  }
}
