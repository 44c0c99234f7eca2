// Front door of the comments module. Notes on a client and on a dialogue.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { commentRoutes } from './routes'
