// Front door of the views module. Saved directory views and what they count.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { viewRoutes } from './routes'
