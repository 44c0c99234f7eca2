import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpError } from '../../http/errors'
import type { AccessCheck, Caller } from './access'

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
