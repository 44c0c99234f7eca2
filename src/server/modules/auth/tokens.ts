import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errors, jwtVerify, SignJWT } from 'jose'
import type { Role } from '@shared/common'
import { HttpError } from '../../http/errors'

/** Who calls: the user as stored now (access.ts), not as the token remembers them. */
export interface AuthClaims {
  userId: string
  companyId: string
  role: Role
}

/** What a signed token carries: the user's token version at issue, its sign-in's family and, for a refresh token, its row. */
export interface TokenClaims extends AuthClaims {
  version?: number
  refreshId?: string
  familyId?: string
}

/** `api`: the signed API tokens of earlier releases, still honoured while their user is active (access.ts). */
type TokenKind = 'access' | 'refresh' | 'api'

export interface TokenService {
  sign(claims: TokenClaims, kind: Exclude<TokenKind, 'api'>, ttlSeconds: number): Promise<string>
  verify(token: string, kind: 'access' | 'refresh'): Promise<TokenClaims>
}

/** How long a verified access token is taken on trust before its signature is checked again. */
const VERIFIED_TTL_MS = 5000
const MAX_VERIFIED = 10_000

export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret)
  // A panel sends the same token with every request: verifying it once per few seconds is enough. Never
  // past its expiry; a full cache starts over rather than growing.
  const verified = new Map<string, { claims: TokenClaims; until: number }>()
  return {
    sign: (c, kind, ttlSeconds) =>
      new SignJWT({
        companyId: c.companyId,
        role: c.role,
        kind,
        ver: c.version ?? 0,
        ...(c.familyId ? { fam: c.familyId } : {}),
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(c.userId)
        .setIssuedAt()
        .setJti(c.refreshId ?? randomUUID())
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(key),
    async verify(token, expected) {
      const cached = expected === 'access' ? verified.get(token) : undefined
      if (cached && cached.until > Date.now()) return cached.claims
      try {
        // algorithms pinned: alg "none" and any other algorithm are refused.
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] })
        const kind = payload.kind as TokenKind
        // API tokens act as access tokens; a refresh token is never accepted for API calls.
        const ok = expected === 'refresh' ? kind === 'refresh' : kind === 'access' || kind === 'api'
        if (!ok || typeof payload.sub !== 'string' || typeof payload.companyId !== 'string') throw new Error()
        const claims: TokenClaims = {
          userId: payload.sub,
          companyId: payload.companyId,
          role: payload.role as Role,
          version: typeof payload.ver === 'number' ? payload.ver : 0,
          ...(typeof payload.fam === 'string' ? { familyId: payload.fam } : {}),
          ...(kind === 'refresh' && typeof payload.jti === 'string' ? { refreshId: payload.jti } : {}),
        }
        if (expected === 'access') {
          if (verified.size >= MAX_VERIFIED) verified.clear()
          verified.set(token, { claims, until: Math.min(Date.now() + VERIFIED_TTL_MS, (payload.exp ?? 0) * 1000) })
        }
        return claims
      } catch (e) {
        if (e instanceof errors.JWTExpired) throw new HttpError(401, 'Token is expired.')
        throw new HttpError(401, 'Invalid token.')
      }
    },
  }
}

/** The JWT secret: from JWT_SECRET, or generated once and kept in the data folder. */
export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured
  const file = join(dataDir, 'jwt-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
