import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { operatorSchema, operatorStatusSchema } from '@shared/auth'
import { idSchema, listOf } from '@shared/common'
import {
  operatorGroupInputSchema,
  operatorGroupListSchema,
  operatorGroupParamsSchema,
  operatorGroupPatchSchema,
  operatorGroupSchema,
} from '@shared/operator-groups'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { forbidden } from '../../http/errors'
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from './groups-repo'
import { listOperators, setOperatorStatus } from './operators-repo'

export const operatorRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Operators']
  const adminOnly = requireRole('admin')
  const groupsChanged = (companyId: string) =>
    bus.publish(companyId, { type: 'catalog.changed', catalog: 'operatorGroups' })

  app.get(
    '/operators',
    {
      schema: {
        tags,
        summary: 'Пользователи компании (кому можно передать диалог)',
        response: { 200: listOf(operatorSchema) },
      },
    },
    async (req) => {
      const items = await listOperators(db, req.auth.companyId)
      return { count: items.length, items }
    },
  )

  app.patch(
    '/operators/:operatorId/status',
    {
      schema: {
        tags,
        summary: 'На связи или отошёл',
        description:
          'Свой статус меняет каждый; чужой — руководитель и администратор. «На связи» для коллег — выбравший его и с открытой панелью ' +
          '(её поток событий, GET /events, был на связи последнюю минуту). Передача в группу выбирает только тех, кто на связи.',
        params: z.strictObject({ operatorId: idSchema.describe('Operator Identifier') }),
        body: z.strictObject({ status: operatorStatusSchema }),
        response: { 200: operatorSchema },
      },
    },
    async (req) => {
      const { companyId, userId, role } = req.auth
      if (req.params.operatorId !== userId && role === 'operator') throw forbidden()
      const operator = await setOperatorStatus(db, companyId, req.params.operatorId, req.body.status)
      groupsChanged(companyId)
      return operator
    },
  )

  app.get(
    '/operator-groups',
    {
      schema: { tags, summary: 'Группы операторов', response: { 200: operatorGroupListSchema } },
    },
    async (req) => {
      const items = await listGroups(db, req.auth.companyId)
      return { count: items.length, items }
    },
  )

  app.post(
    '/operator-groups',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Создать группу операторов',
        body: operatorGroupInputSchema,
        response: { 201: operatorGroupSchema },
      },
    },
    async (req, reply) => {
      const group = await createGroup(db, req.auth.companyId, req.body)
      groupsChanged(req.auth.companyId)
      return reply.code(201).send(group)
    },
  )

  app.get(
    '/operator-groups/:groupId',
    {
      schema: {
        tags,
        summary: 'Группа операторов',
        params: operatorGroupParamsSchema,
        response: { 200: operatorGroupSchema },
      },
    },
    (req) => getGroup(db, req.auth.companyId, req.params.groupId),
  )

  app.patch(
    '/operator-groups/:groupId',
    {
      preHandler: adminOnly,
      schema: {
        tags,
        summary: 'Изменить группу',
        description: '`memberIds` заменяет состав целиком.',
        params: operatorGroupParamsSchema,
        body: operatorGroupPatchSchema,
        response: { 200: operatorGroupSchema },
      },
    },
    async (req) => {
      const group = await updateGroup(db, req.auth.companyId, req.params.groupId, req.body)
      groupsChanged(req.auth.companyId)
      return group
    },
  )

  app.delete(
    '/operator-groups/:groupId',
    {
      preHandler: adminOnly,
      schema: { tags, summary: 'Удалить группу', params: operatorGroupParamsSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteGroup(db, req.auth.companyId, req.params.groupId)
      groupsChanged(req.auth.companyId)
      return reply.code(204).send(null)
    },
  )
}
