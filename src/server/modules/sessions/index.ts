// Front door of the sessions module. Dialogues and their messages: the queue, taking, transferring, closing, starting from a channel.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { clientDialogueRoutes } from './client-routes'
export { getMessagesOf, postMessage } from './messages-repo'
export { closeSession, sessionListQuery } from './repo'
export { sessionRoutes } from './routes'
export { announceStart, continueSession, startSession } from './start-repo'
export type { StartInput, Started } from './start-repo'
