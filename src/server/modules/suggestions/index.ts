// Front door of the suggestions module. Values found in a client's messages, offered to the operator for the card.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { findOptions, findValues } from './detect'
export { suggestFromMessage } from './repo'
export { suggestionRoutes } from './routes'
