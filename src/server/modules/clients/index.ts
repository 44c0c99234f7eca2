// Front door of the clients module. The client directory: search, filters, export, duplicates and merges, a client's history.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { clientIdResolver } from './client-id'
export { FORMULA_START } from './csv'
export { afterCursor, attributeMatch, resolveAttributeFilters } from './directory-query'
export type { ResolvedFilter } from './directory-query'
export { countOf, itemFields, openDirectory, readPage, selectPage } from './directory-repo'
export { readTimeline, timelineSql } from './history-repo'
export { phoneDigitsMatch } from './phone-search'
export { clientRoutes } from './routes'
