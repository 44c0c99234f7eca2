// Front door of the privacy module. Personal data under 152-ФЗ: a client's data exported, blocked or destroyed
// with an act, a person's requests with their deadlines, and the retention run.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { privacyRoutes } from './routes'
export { privacyRequestRoutes } from './requests-routes'
export { startRetention } from './retention'
