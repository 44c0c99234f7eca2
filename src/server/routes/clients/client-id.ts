import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Db } from '../../db/client'
import { resolveClientId } from './repo'

/**
 * Every route with `{clientId}` takes our id or the client's external ID (contract): the parameter is
 * resolved to our id here, once, before any handler sees it.
 */
export const clientIdResolver = fp(async (app: FastifyInstance, { db }: { db: Db }) => {
  app.addHook('preHandler', async (req) => {
    const params = req.params as { clientId?: unknown } | undefined
    if (typeof params?.clientId === 'string' && req.auth) params.clientId = await resolveClientId(db, req.auth.companyId, params.clientId)
  })
})
