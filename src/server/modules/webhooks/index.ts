// Front door of the webhooks module. Events for integrations: the outbox the card write path fills, the
// worker that delivers it, signed, and the admins' routes for webhooks and their delivery log.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export {
  clientQueue,
  dialogueOutboxSql,
  enqueueDialogueEvent,
  enqueueEvent,
  forgetClientEvents,
  outboxSql,
} from './outbox'
export { checkCallbackUrl } from './address'
export {
  claimSql,
  recordSql,
  startWebhookWorker,
  RETRY_DELAYS_MS,
  type WebhookWorker,
  type WorkerOptions,
} from './worker'
export { webhookRoutes } from './routes'
export { channelCallbackRoutes } from './channel-routes'
