// Front door of the attributes module. The parameter catalog an admin keeps (Каталог → Параметры), and the card's parameter values over HTTP.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { attributeRoutes } from './routes'
