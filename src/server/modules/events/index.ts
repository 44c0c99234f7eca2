// Front door of the events module. Live events: the bus between processes and the stream each panel listens to.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { createLocalBus, createPostgresBus } from './bus'
export type { EventBus } from './bus'
export { MAX_STREAMS_PER_USER, eventRoutes } from './routes'
