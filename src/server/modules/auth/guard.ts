import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Role } from '@shared/common'
import { forbidden, HttpError } from '../../http/errors'
import type { AccessCheck, Caller } from './access'

declare module 'fastify' {
  interface FastifyRequest {
    auth: Caller
  }
  interface FastifyContextConfig {
    /** Routes reachable without a token: login, refresh, health, docs. */
    public?: boolean
    /** Routes a user signed in with a temporary password may call: who am I, set my password, sign out. */
    temporaryPasswordAllowed?: boolean
  }
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice(7).trim()
  return undefined
}

/** Every route needs a valid token of an active user unless its config says `public`. */
export const authGuard = fp(async (app: FastifyInstance, opts: { access: AccessCheck }) => {
  app.decorateRequest('auth', null as unknown as Caller)
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config.public || !req.routeOptions.url) return
    const token = bearerToken(req)
    if (!token) throw new HttpError(401, 'Требуется авторизация: передайте заголовок Authorization: Bearer <token>.')
    req.auth = await opts.access.authenticate(token)
    if (req.auth.mustChangePassword && !req.routeOptions.config.temporaryPasswordAllowed) {
      throw new HttpError(403, 'Сначала смените временный пароль (POST /auth/password).')
    }
  })
})

export const requireRole = (...roles: Role[]) => async (req: FastifyRequest) => {
  if (!roles.includes(req.auth.role)) throw forbidden()
}
