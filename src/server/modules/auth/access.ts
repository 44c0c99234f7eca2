import { createHash, randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { Role } from '@shared/common'
import type { Db } from '../../db/client'
import { apiTokens, users } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { sessionEnded } from './sessions'
import type { AuthClaims, TokenService } from './tokens'

/** What a request may do is read from the user as stored, at most this old: a change applies everywhere within it. */
const FRESH_MS = 5000
const MAX_CACHED = 10_000
/** API tokens are told apart from signed tokens by this prefix. */
const API_TOKEN_PREFIX = 'kt_'

export interface Caller extends AuthClaims {
  /** Signed in with a temporary password: may only choose a new one. */
  mustChangePassword: boolean
}

type UserState = { companyId: string; role: Role; active: boolean; tokenVersion: number; mustChangePassword: boolean }
type ApiTokenState = {
  userId: string
  companyId: string
  expiresAt: Date | null
  revokedAt: Date | null
  lastUsedAt: Date | null
  id: string
}

/**
 * A map whose entries are trusted for FRESH_MS; a full map starts over rather than growing. It keeps the
 * lookup itself, so the many requests of one panel arriving together after expiry wait for one query.
 */
function freshCache<T>() {
  const entries = new Map<string, { value: Promise<T>; until: number }>()
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key)
      if (hit && hit.until > Date.now()) return hit.value
      if (entries.size >= MAX_CACHED) entries.clear()
      const value = load()
      entries.set(key, { value, until: Date.now() + FRESH_MS })
      // A lookup that failed (the database away) is not remembered.
      value.catch(() => entries.get(key)?.value === value && entries.delete(key))
      return value
    },
    forget: (key: string) => void entries.delete(key),
  }
}

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex')
export const newApiToken = () => `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`

const unauthorized = (message: string) => new HttpError(401, message)

export interface AccessCheck {
  /** The caller behind a bearer token (a signed access token or an API token), checked against the user as stored. */
  authenticate(token: string): Promise<Caller>
  /** A change made by this process (role, deactivation, revocation) applies here at once, elsewhere within FRESH_MS. */
  forgetUser(userId: string): void
  forgetApiToken(tokenHash: string): void
  forgetSession(familyId: string): void
}

export function createAccessCheck(db: Db, tokens: TokenService): AccessCheck {
  const usersCache = freshCache<UserState | null>()
  const apiCache = freshCache<ApiTokenState | null>()
  const sessionsCache = freshCache<boolean>()

  const userState = (userId: string) =>
    usersCache.get(userId, async () => {
      const [row] = await db
        .select({
          companyId: users.companyId,
          role: users.role,
          active: users.active,
          tokenVersion: users.tokenVersion,
          mustChangePassword: users.mustChangePassword,
        })
        .from(users)
        .where(eq(users.id, userId))
      return row ?? null
    })

  const apiToken = (hash: string) =>
    apiCache.get(hash, async () => {
      const [row] = await db
        .select({
          id: apiTokens.id,
          userId: apiTokens.userId,
          companyId: apiTokens.companyId,
          expiresAt: apiTokens.expiresAt,
          revokedAt: apiTokens.revokedAt,
          lastUsedAt: apiTokens.lastUsedAt,
        })
        .from(apiTokens)
        .where(eq(apiTokens.tokenHash, hash))
      if (row && (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)) {
        // "Last used" to the minute, written when the token is looked up rather than on every request.
        await db
          .update(apiTokens)
          .set({ lastUsedAt: sql`now()` })
          .where(eq(apiTokens.id, row.id))
      }
      return row ?? null
    })

  type Holder = { userId: string; companyId: string; version: number | null; familyId?: string }
  async function signedOrApi(token: string): Promise<Holder> {
    if (!token.startsWith(API_TOKEN_PREFIX)) {
      const claims = await tokens.verify(token, 'access')
      return {
        userId: claims.userId,
        companyId: claims.companyId,
        version: claims.version ?? 0,
        familyId: claims.familyId,
      }
    }
    const row = await apiToken(hashApiToken(token))
    if (!row) throw unauthorized('Invalid token.')
    if (row.revokedAt) throw unauthorized('API-токен отозван.')
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw unauthorized('Token is expired.')
    // An API token outlives password changes: it is revoked on its own.
    return { userId: row.userId, companyId: row.companyId, version: null }
  }

  return {
    async authenticate(token) {
      const { userId, companyId, version, familyId } = await signedOrApi(token)
      // Tokens of earlier releases name no family: they end with their expiry or the user's token version.
      const [user, ended] = await Promise.all([
        userState(userId),
        familyId ? sessionsCache.get(familyId, () => sessionEnded(db, familyId)) : false,
      ])
      if (!user || user.companyId !== companyId) throw unauthorized('Invalid token.')
      if (!user.active) throw unauthorized('Пользователь отключён администратором.')
      if (ended || (version !== null && version !== user.tokenVersion))
        throw unauthorized('Сессия завершена: войдите снова.')
      return { userId, companyId, role: user.role, mustChangePassword: user.mustChangePassword }
    },
    forgetUser: usersCache.forget,
    forgetApiToken: apiCache.forget,
    forgetSession: sessionsCache.forget,
  }
}
