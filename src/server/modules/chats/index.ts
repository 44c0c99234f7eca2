// Front door of the chats module. TWIN's chats (channels) and starting a dialogue in one.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { chatRoutes } from './routes'
