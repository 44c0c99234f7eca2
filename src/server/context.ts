import type { Db } from './db/client'
import type { EventBus } from './events/bus'
import type { TokenService } from './auth/tokens'

/** What every route plugin is given: the database, the event bus and the token service. */
export interface RouteContext {
  db: Db
  bus: EventBus
  tokens: TokenService
  accessTokenTtlSeconds: number
  loginRateLimit: number
}
