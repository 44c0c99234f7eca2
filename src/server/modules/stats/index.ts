// Front door of the stats module. Card quality: how full the cards are and how they change.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { statsRoutes } from './routes'
