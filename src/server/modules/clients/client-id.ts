import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Db } from '../../db/client'
import { resolveClientId } from '../cards'

/**
 * Every route with `{clientId}` takes our id or the client's external ID (contract): the parameter is
 * resolved to our id here, once, before any handler sees it, or answered 404. A resolved id is the proof
 * that the client exists in the caller's company: handlers and repos do not look it up again.
 */
export const clientIdResolver = fp(async (app: FastifyInstance, { db }: { db: Db }) => {
  app.addHook('preHandler', async (req) => {
    const params = req.params as { clientId?: unknown } | undefined
    if (req.routeOptions.config.resolvesClientId || typeof params?.clientId !== 'string' || !req.auth) return
    params.clientId = await resolveClientId(db, req.auth.companyId, params.clientId)
  })
})

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The handler resolves `{clientId}` inside its own single query (resolvedClientSql). */
    resolvesClientId?: boolean
  }
}
