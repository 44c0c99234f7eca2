// Front door of the templates module. Reply templates with the card's values in them, and macros that change the card as they answer.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { createTemplate } from './repo'
export { templateRoutes } from './routes'
