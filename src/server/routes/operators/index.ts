import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { operatorSchema } from '@shared/auth'
import { listOf } from '@shared/common'
import type { RouteContext } from '../../context'
import { listOperators } from './repo'

export const operatorRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get('/operators', {
    schema: { tags: ['Sessions'], summary: 'Пользователи компании (кому можно передать диалог)', response: { 200: listOf(operatorSchema) } },
  }, async (req) => {
    const items = await listOperators(db, req.auth.companyId)
    return { count: items.length, items }
  })
}
