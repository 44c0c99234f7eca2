import type { Db } from '../db/client'
import type { EventBus } from '../modules/events'
import type { AccessCheck, TokenService } from '../modules/auth'
import type { WorkerOptions } from '../modules/webhooks'

/** What the service is built from: the database, the event bus, the token service and the limits. */
export interface ServiceOptions {
  db: Db
  bus: EventBus
  tokens: TokenService
  accessTokenTtlSeconds: number
  loginRateLimit: number
  /** This process as the owner of the batches it runs (db/presence); a test may name a second process. */
  instanceId?: string
  /** How webhooks are delivered: internal addresses allowed (WEBHOOK_ALLOW_PRIVATE), and tests' shorter delays. */
  webhookDelivery?: Omit<WorkerOptions, 'db'>
}

/** What every route plugin is given: the service's parts and the check of who calls. */
export interface RouteContext extends ServiceOptions {
  access: AccessCheck
  instanceId: string
  /** The delivery worker: whether a webhook may point inside, and a nudge to look for due deliveries now. */
  webhooks: { allowInternal: boolean; nudge(): void }
}
