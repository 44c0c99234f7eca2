import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  temporaryPasswordSchema,
  userCreateSchema,
  userListSchema,
  userParamsSchema,
  userPatchSchema,
  userSchema,
} from '@shared/users'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { inviteUser, listUsers, resetPassword, updateUser } from './users-repo'
import { audit } from '../audit'
import { roleLabel } from '@shared/labels'

/** The admin's "Сотрудники": members of the company, their roles, and who may sign in. */
export const userRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus, access }) => {
  const tags = ['Users']
  const preHandler = requireRole('admin')
  // Transfer lists and names in other panels follow the change.
  const changed = (companyId: string) => bus.publish(companyId, { type: 'catalog.changed', catalog: 'operatorGroups' })

  app.get(
    '/users',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Сотрудники компании',
        description: 'Только администратор. Вместе с отключёнными.',
        response: { 200: userListSchema },
      },
    },
    async (req) => ({ items: await listUsers(db, req.auth.companyId) }),
  )

  app.post(
    '/users',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Добавить сотрудника',
        description:
          'Только администратор. В ответе временный пароль: он показывается один раз, при первом входе сотрудник задаёт свой.',
        body: userCreateSchema,
        response: { 201: temporaryPasswordSchema },
      },
    },
    async (req, reply) => {
      const created = await inviteUser(db, req.auth.companyId, req.body)
      changed(req.auth.companyId)
      await audit(db, req, {
        action: 'user.created',
        summary: `${created.user.name} (${created.user.email}), ${roleLabel(created.user.role)}`,
      })
      return reply.code(201).send(created)
    },
  )

  app.patch(
    '/users/:userId',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Изменить имя, роль или доступ сотрудника',
        description:
          'Только администратор. `active: false` отключает: войти нельзя, все токены сотрудника перестают действовать ' +
          '(в других процессах — в пределах 5 секунд). Последнего активного администратора понизить или отключить нельзя (409).',
        params: userParamsSchema,
        body: userPatchSchema,
        response: { 200: userSchema },
      },
    },
    async (req) => {
      const user = await updateUser(db, req.auth.companyId, req.params.userId, req.body)
      access.forgetUser(user.id)
      changed(req.auth.companyId)
      const { name, role, active } = req.body
      const what = [
        name !== undefined && `имя «${name}»`,
        role && `роль: ${roleLabel(role)}`,
        active !== undefined && (active ? 'включён' : 'отключён'),
      ]
      await audit(db, req, {
        action: 'user.updated',
        summary: `${user.name} (${user.email}): ${what.filter(Boolean).join(', ') || 'без изменений'}`,
      })
      return user
    },
  )

  app.post(
    '/users/:userId/password-reset',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Выдать временный пароль',
        description:
          'Только администратор. Все входы сотрудника завершаются; при следующем входе он задаёт свой пароль.',
        params: userParamsSchema,
        response: { 200: temporaryPasswordSchema },
      },
    },
    async (req) => {
      const reset = await resetPassword(db, req.auth.companyId, req.params.userId)
      access.forgetUser(reset.user.id)
      await audit(db, req, {
        action: 'user.password-reset',
        summary: `${reset.user.name} (${reset.user.email}): временный пароль, входы завершены`,
      })
      return reset
    },
  )
}
