import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Role } from '@shared/common'
import { forbidden, HttpError } from '../errors'
import type { AuthClaims, TokenService } from './tokens'

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthClaims
  }
  interface FastifyContextConfig {
    /** Routes reachable without a token: login, refresh, health, docs. */
    public?: boolean
  }
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice(7).trim()
  return undefined
}

/** Every route needs a valid access token unless its config says `public`. */
export const authGuard = fp(async (app: FastifyInstance, opts: { tokens: TokenService }) => {
  app.decorateRequest('auth', null as unknown as AuthClaims)
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config.public || !req.routeOptions.url) return
    const token = bearerToken(req)
    if (!token) throw new HttpError(401, 'Требуется авторизация: передайте заголовок Authorization: Bearer <token>.')
    req.auth = await opts.tokens.verify(token, 'access')
  })
})

export const requireRole = (...roles: Role[]) => async (req: FastifyRequest) => {
  if (!roles.includes(req.auth.role)) throw forbidden()
}
