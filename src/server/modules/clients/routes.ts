import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listQuerySchema } from '@shared/common'
import {
  CLIENT_DIRECTORY_HELP,
  clientDirectoryQuerySchema,
  clientDirectorySchema,
  MAX_DIRECTORY_ATTRIBUTES,
} from '@shared/client-directory'
import { clientHistoryQuerySchema, clientHistorySchema } from '@shared/client-history'
import {
  clientInputSchema,
  clientParamsSchema,
  clientPatchSchema,
  clientSchema,
  duplicateListSchema,
  MERGE_UNDO_DAYS,
  mergeInputSchema,
  mergeParamsSchema,
  mergeResultSchema,
  mergeUndoResultSchema,
} from '@shared/clients'
import { clientLabel } from '@shared/labels'
import { audit } from '../audit'
import { actorOf } from '../../http/actor'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { sendJsonText } from '../../http/json-text'
import { HttpError } from '../../http/errors'
import { listDirectory } from './directory-repo'
import { listDuplicates } from './duplicates-repo'
import { clientExportRoutes } from './export'
import { listClientHistory } from './history-repo'
import { mergeClients, undoMerge } from './merge-repo'
import { createClient, getClient, resolveClientId, updateClient } from '../cards'
import { expectedVersion, versionTag } from '../../http/versions'

export const clientRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, opts) => {
  const { db, bus } = opts
  const tags = ['Clients']
  const params = clientParamsSchema

  app.get(
    '/clients',
    {
      schema: {
        tags,
        summary: 'Поиск клиентов',
        description:
          `Справочник клиентов компании. \`keyword\` ищет в имени, телефоне, почте, externalId и (от 3 символов) в значениях параметров; ` +
          `\`tagId\` (можно несколько) — клиенты со всеми этими тегами; \`updatedSince\` — карточки, изменённые с этого момента ` +
          `(значения параметров и теги клиента тоже меняют \`updatedAt\`). \`attributeId\` (можно несколько, до ${MAX_DIRECTORY_ATTRIBUTES}) — ` +
          'у каждой строки появляется `attributes`: значения этих параметров (null — не заполнен); параметр другой компании или ' +
          `неизвестный — 400. ${CLIENT_DIRECTORY_HELP}`,
        querystring: clientDirectoryQuerySchema,
        response: { 200: clientDirectorySchema },
      },
    },
    async (req, reply) => sendJsonText(reply, await listDirectory(db, req.auth.companyId, req.auth.role, req.query)),
  )

  app.get(
    '/clients/duplicates',
    {
      preHandler: requireRole('supervisor', 'admin'),
      schema: {
        tags,
        summary: 'Похожие клиенты (возможные дубликаты)',
        description:
          'Руководитель и администратор. Группы клиентов с одним телефоном (по последним 10 цифрам: +7 и 8 — одно) ' +
          'или одной почтой без учёта регистра; `reasons` — по чему совпали, `name` — ещё и одно имя у всех. ' +
          'Сначала группы с самыми новыми карточками; в группе — от старой к новой.',
        querystring: listQuerySchema,
        response: { 200: duplicateListSchema },
      },
    },
    (req) => listDuplicates(db, req.auth.companyId, req.query),
  )

  const reviewers = requireRole('supervisor', 'admin')
  const clientsChanged = (companyId: string, ...ids: string[]) =>
    ids.forEach((clientId) => opts.bus.publish(companyId, { type: 'client.updated', clientId }))

  app.post(
    '/clients/:clientId/merge',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Объединить клиента с дубликатом',
        description:
          `Руководитель и администратор. Диалоги, теги и история \`sourceId\` переходят к этому клиенту; поле или параметр, ` +
          'заполненные только у одного, берутся у него, заполненные у обоих — у этого клиента, если `prefer` не говорит иначе. ' +
          'Внешний ID вливаемого остаётся вторым адресом этого клиента, сам вливаемый исчезает (404). ' +
          `Отменить — POST /merges/{mergeId}/undo в течение ${MERGE_UNDO_DAYS} дней.`,
        params,
        body: mergeInputSchema,
        response: { 200: mergeResultSchema },
      },
    },
    async (req) => {
      const { companyId } = req.auth
      const sourceId = await resolveClientId(db, companyId, req.body.sourceId).catch((err) => {
        throw err instanceof HttpError && err.statusCode === 404
          ? new HttpError(404, 'Клиент sourceId не найден', [{ path: 'body.sourceId', message: 'не найден' }])
          : err
      })
      const merged = await mergeClients({
        db,
        actor: actorOf(req),
        targetId: req.params.clientId,
        sourceId,
        prefer: req.body.prefer,
      })
      clientsChanged(companyId, req.params.clientId, sourceId)
      await audit(db, req, {
        action: 'clients.merged',
        clientId: merged.client.id,
        summary: `В «${clientLabel(merged.client)}» (${merged.client.id}) влит клиент ${sourceId}`,
      })
      return merged
    },
  )

  app.post(
    '/merges/:mergeId/undo',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Отменить объединение клиентов',
        description:
          `Руководитель и администратор, в течение ${MERGE_UNDO_DAYS} дней. Оба клиента возвращаются как были, с диалогами, ` +
          'тегами и историей. Если поле или параметр объединённого клиента с тех пор изменили — 409 со списком, ничего не меняется.',
        params: mergeParamsSchema,
        response: { 200: mergeUndoResultSchema },
      },
    },
    async (req) => {
      const undone = await undoMerge(db, actorOf(req), req.params.mergeId)
      clientsChanged(req.auth.companyId, undone.client.id, undone.source.id)
      await audit(db, req, {
        action: 'clients.merge-undone',
        clientId: undone.client.id,
        summary: `«${clientLabel(undone.source)}» снова отдельно от «${clientLabel(undone.client)}»`,
      })
      return undone
    },
  )

  await app.register(clientExportRoutes, opts)

  app.get(
    '/clients/:clientId/history',
    {
      schema: {
        tags,
        summary: 'История карточки клиента',
        description:
          'Изменения значений параметров и тегов клиента одной лентой, сначала новые: кто, когда, было → стало, ' +
          '`source` (panel/api/catalog); имя, телефон и почта клиента — `kind: field`. Вернуть прежнее значение — обычная запись POST /clients/{clientId}/attributes/{attributeId}.',
        params,
        querystring: clientHistoryQuerySchema,
        response: { 200: clientHistorySchema },
      },
    },
    (req) => listClientHistory(db, req.params.clientId, req.auth.role, req.query),
  )

  app.post(
    '/clients',
    {
      schema: { tags, summary: 'Создать клиента', body: clientInputSchema, response: { 201: clientSchema } },
    },
    async (req, reply) => {
      const client = await createClient(db, req.auth.companyId, req.body)
      bus.publish(req.auth.companyId, { type: 'client.updated', clientId: client.id })
      return reply.code(201).send(client)
    },
  )

  app.get(
    '/clients/:clientId',
    {
      schema: {
        tags,
        summary: 'Клиент',
        description: 'ETag — версия клиента (`version`).',
        params,
        response: { 200: clientSchema },
      },
    },
    async (req, reply) => {
      const client = await getClient(db, req.auth.companyId, req.params.clientId)
      reply.header('etag', versionTag(client.version))
      return client
    },
  )

  app.patch(
    '/clients/:clientId',
    {
      schema: {
        tags,
        summary: 'Изменить клиента',
        description:
          'Передаются только меняемые поля; `""` или null очищает. Изменения имени, телефона и почты попадают в историю карточки. ' +
          'С `version` (или заголовком If-Match) запись условная: если клиента уже изменили, ответ 409 с текущим клиентом в `details`; ' +
          'без неё последняя запись побеждает.',
        params,
        body: clientPatchSchema,
        response: { 200: clientSchema },
      },
    },
    async (req, reply) => {
      const client = await updateClient(db, actorOf(req), req.params.clientId, {
        ...req.body,
        version: expectedVersion(req, req.body.version),
      })
      bus.publish(req.auth.companyId, { type: 'client.updated', clientId: client.id })
      reply.header('etag', versionTag(client.version))
      return client
    },
  )
}
