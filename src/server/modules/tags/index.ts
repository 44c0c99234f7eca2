// Front door of the tags module. Client and session tags: the catalog, groups, and putting them on a card or a dialogue.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { applyTagChange, findSession } from './assignments-repo'
export { tagRoutes } from './routes'
