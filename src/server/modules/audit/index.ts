// Front door of the audit module. The company's audit log (Журнал): writing an entry, and reading the log.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { audit, recordSystemEvent } from './audit-log'
export { auditRoutes } from './routes'
