import type { Db } from '../db/client'
import type { EventBus } from '../modules/events'
import type { AccessCheck, TokenService } from '../modules/auth'

/** What the service is built from: the database, the event bus, the token service and the limits. */
export interface ServiceOptions {
  db: Db
  bus: EventBus
  tokens: TokenService
  accessTokenTtlSeconds: number
  loginRateLimit: number
  /** This process as the owner of the batches it runs (db/presence); a test may name a second process. */
  instanceId?: string
}

/** What every route plugin is given: the service's parts and the check of who calls. */
export interface RouteContext extends ServiceOptions {
  access: AccessCheck
  instanceId: string
}
