import type { FastifyRequest } from 'fastify'
import type { Role } from '@shared/common'
import type { Caller } from '../modules/auth'
import { forbidden } from './errors'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who calls: set by the auth module's guard before any route runs. */
    auth: Caller
  }
  interface FastifyContextConfig {
    /** Routes reachable without a token: login, refresh, health, docs. */
    public?: boolean
    /** Routes a user signed in with a temporary password may call: who am I, set my password, sign out. */
    temporaryPasswordAllowed?: boolean
  }
}

export const requireRole =
  (...roles: Role[]) =>
  async (req: FastifyRequest) => {
    if (!roles.includes(req.auth.role)) throw forbidden()
  }
