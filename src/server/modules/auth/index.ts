// Front door of the auth module. Who calls: sign-in, tokens (signed and API), sessions, and the guard that checks every request.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { createAccessCheck } from './access'
export type { AccessCheck } from './access'
export { apiTokenRoutes } from './api-tokens'
export { authGuard, bearerToken } from './guard'
export { authRoutes } from './routes'
export { createTokenService, resolveJwtSecret } from './tokens'
export type { AuthClaims, TokenService } from './tokens'
export type { Caller } from './access'
