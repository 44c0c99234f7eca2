import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  attributeCatalogQuerySchema,
  attributeClearQuerySchema,
  attributeHistoryQuerySchema,
  attributeHistorySchema,
  attributeInputSchema,
  attributeListQuerySchema,
  attributeListSchema,
  attributeParamsSchema,
  attributePatchSchema,
  attributeSchema,
  attributeValueInputSchema,
  clientAttributeListSchema,
  clientAttributeParamsSchema,
  clientAttributeSchema,
} from '@shared/attributes'
import { clientParamsSchema } from '@shared/clients'
import type { Role } from '@shared/common'
import { actorOf } from '../../http/actor'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { createAttribute, getAttribute, listAttributes, updateAttribute } from './catalog-repo'
import { listAttributeHistory, listClientAttributes, setClientAttribute, type SetValue } from '../cards'
import { audit } from '../audit'
import { expectedVersion, sendTagged, versionTag } from '../../http/versions'

/** The fields of an attribute PATCH as the "Журнал" names them. */
const PATCHED = {
  name: 'название',
  description: 'описание',
  options: 'варианты',
  optionRenames: 'названия вариантов',
  position: 'порядок',
  pinned: 'закрепление',
  visibleTo: 'кто видит',
  editableBy: 'кто меняет',
  requiredToClose: 'обязательность при закрытии',
  requiredChatIds: 'каналы обязательности',
  archived: 'архив',
} as const

// Static /clients/attributes sits next to /clients/:clientId; the router prefers the static segment.
export const attributeRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Client Attributes']
  const adminOnly = requireRole('admin')
  const catalogChanged = async (
    req: FastifyRequest,
    attribute: { id: string; name: string; visibleTo?: Role[] },
    what: string,
  ) => {
    bus.publish(
      req.auth.companyId,
      { type: 'catalog.changed', catalog: 'attributes', attributeId: attribute.id },
      attribute.visibleTo,
    )
    await audit(db, req, { action: 'catalog.changed', summary: `Параметр «${attribute.name}»: ${what}` })
  }

  app.get(
    '/clients/attributes',
    {
      schema: {
        tags,
        summary: 'Список параметров клиента',
        description:
          'Каталог в порядке карточки (`position`), целиком, если не задан `limit`. `includeArchived=true` добавляет архивные.',
        querystring: attributeCatalogQuerySchema,
        response: { 200: attributeListSchema },
      },
    },
    (req) => listAttributes(db, req.auth.companyId, req.auth.role, req.query),
  )

  app.post(
    '/clients/attributes',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Создать параметр клиента',
        description:
          'Только администратор. Название уникально в компании без учёта регистра; новый параметр встаёт в конец списка.',
        body: attributeInputSchema,
        response: { 201: attributeSchema },
      },
    },
    async (req, reply) => {
      const attribute = await createAttribute(db, req.auth.companyId, req.body)
      await catalogChanged(req, attribute, 'создан')
      return reply.code(201).send(attribute)
    },
  )

  app.patch(
    '/clients/attributes/:attributeId',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Изменить параметр клиента',
        description:
          'Переименовать, изменить варианты (`options` — весь список в новом порядке), описание, порядок (`position`), ' +
          'закрепить (`pinned`), архивировать или восстановить (`archived`). Тип после создания не меняется. `optionRenames` ' +
          'переименовывает варианты и переписывает записанные значения клиентов (в истории — источник `catalog`); ' +
          'новое имя, совпадающее с другим вариантом, — 409.',
        params: attributeParamsSchema,
        body: attributePatchSchema,
        response: { 200: attributeSchema },
      },
    },
    async (req) => {
      const attribute = await updateAttribute(
        db,
        { ...actorOf(req), source: 'catalog' },
        req.params.attributeId,
        req.body,
      )
      await catalogChanged(
        req,
        attribute,
        `изменено: ${Object.keys(req.body)
          .map((k) => PATCHED[k as keyof typeof PATCHED] ?? k)
          .join(', ')}`,
      )
      return attribute
    },
  )

  app.delete(
    '/clients/attributes/:attributeId',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Архивировать параметр клиента',
        description:
          'Параметр пропадает из карточек; значения и история сохраняются, PATCH `{"archived": false}` возвращает его.',
        params: attributeParamsSchema,
        response: { 200: attributeSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      const before = await getAttribute(db, companyId, req.params.attributeId)
      if (before.archivedAt) return before
      const attribute = await updateAttribute(db, actorOf(req), req.params.attributeId, { archived: true })
      await catalogChanged(req, attribute, 'в архиве')
      return attribute
    },
  )

  app.get(
    '/clients/:clientId/attributes',
    {
      config: { resolvesClientId: true },
      schema: {
        tags,
        summary: 'Параметры клиента',
        description: 'Все активные параметры каталога со значением этого клиента (`null`, если не заполнено).',
        params: clientParamsSchema,
        querystring: attributeListQuerySchema,
        response: { 200: clientAttributeListSchema },
      },
    },
    async (req, reply) =>
      sendTagged(
        req,
        reply,
        await listClientAttributes({
          db,
          companyId: req.auth.companyId,
          role: req.auth.role,
          idOrExternal: req.params.clientId,
          q: req.query,
        }),
      ),
  )

  // `{clientId}` is resolved inside the write's first query (config resolvesClientId).
  const write = async (
    req: FastifyRequest,
    reply: FastifyReply,
    change: Omit<SetValue, 'actor' | 'expectedVersion'> & { version?: number },
  ) => {
    const actor = actorOf(req)
    const { version, ...rest } = change
    const { events, item } = await setClientAttribute(db, {
      actor,
      ...rest,
      expectedVersion: expectedVersion(req, version),
    })
    for (const { event, seenBy } of events) bus.publish(actor.companyId, event, seenBy)
    reply.header('etag', versionTag(item.version))
    return item
  }

  app.post(
    '/clients/:clientId/attributes/:attributeId',
    {
      config: { resolvesClientId: true },
      schema: {
        tags,
        summary: 'Установить значение параметра клиента',
        description:
          'Значение проверяется по типу параметра; `""` или `null` очищает. С `version` (или заголовком If-Match) запись ' +
          'условная: если значение уже изменили, ответ 409 с текущим значением в `details`. Параметр, который роль не меняет ' +
          '(`editableBy`), — 403 с правилом; значение, которое ведёт интеграция, из панели меняется с `override: true`.',
        params: clientAttributeParamsSchema,
        body: attributeValueInputSchema,
        response: { 200: clientAttributeSchema },
      },
    },
    (req, reply) => {
      const { value, version, override } = req.body
      const { clientId: clientRef, attributeId } = req.params
      return write(req, reply, {
        clientRef,
        attributeId,
        raw: value === null ? null : String(value),
        version,
        override,
      })
    },
  )

  app.delete(
    '/clients/:clientId/attributes/:attributeId',
    {
      config: { resolvesClientId: true },
      schema: {
        tags,
        summary: 'Очистить значение параметра клиента',
        params: clientAttributeParamsSchema,
        querystring: attributeClearQuerySchema,
        response: { 200: clientAttributeSchema },
      },
    },
    (req, reply) =>
      write(req, reply, {
        clientRef: req.params.clientId,
        attributeId: req.params.attributeId,
        raw: null,
        version: req.query.version,
      }),
  )

  app.get(
    '/clients/:clientId/attributes/:attributeId/history',
    {
      schema: {
        tags,
        summary: 'История значения параметра клиента',
        description: 'Сначала новые. `source`: `panel` — изменено в панели, `api` — через API.',
        params: clientAttributeParamsSchema,
        querystring: attributeHistoryQuerySchema,
        response: { 200: attributeHistorySchema },
      },
    },
    (req) =>
      listAttributeHistory({
        db,
        companyId: req.auth.companyId,
        role: req.auth.role,
        clientId: req.params.clientId,
        attributeId: req.params.attributeId,
        q: req.query,
      }),
  )
}
