// Front door of the batches module. Work on many cards at once: import, bulk edit, and undo of either; batches a crash left behind.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { interruptOrphans } from './batch-repo'
export { batchRoutes } from './routes'
export { importMatchSql } from './import-repo'
export { revertibleSql } from './undo-repo'
