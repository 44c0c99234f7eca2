import type { FastifyRequest } from 'fastify'
import { CLIENT_HEADER, type ChangeSource } from '@shared/attributes'
import type { Role } from '@shared/common'

/** History says `panel` for changes the panel makes (it sends the header) and `api` for everything else. */
export const changeSourceOf = (req: FastifyRequest): ChangeSource =>
  String(req.headers[CLIENT_HEADER] ?? '').toLowerCase() === 'panel' ? 'panel' : 'api'

/** Who writes a change that goes into a card's history, and with which role (what they may see and change). */
export interface Actor {
  companyId: string
  userId: string
  role: Role
  source: ChangeSource
}

export const actorOf = (req: FastifyRequest): Actor => ({
  companyId: req.auth.companyId,
  userId: req.auth.userId,
  role: req.auth.role,
  source: changeSourceOf(req),
})
