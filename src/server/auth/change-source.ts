import type { FastifyRequest } from 'fastify'
import { CLIENT_HEADER, type ChangeSource } from '@shared/attributes'

/** History says `panel` for changes the panel makes (it sends the header) and `api` for everything else. */
export const changeSourceOf = (req: FastifyRequest): ChangeSource =>
  String(req.headers[CLIENT_HEADER] ?? '').toLowerCase() === 'panel' ? 'panel' : 'api'

/** Who writes a change that goes into a card's history. */
export interface Actor {
  companyId: string
  userId: string
  source: ChangeSource
}

export const actorOf = (req: FastifyRequest): Actor => ({ companyId: req.auth.companyId, userId: req.auth.userId, source: changeSourceOf(req) })
