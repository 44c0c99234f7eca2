// Front door of the reviews module. The review queue: changes a supervisor has yet to look at.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { reviewRoutes } from './routes'
