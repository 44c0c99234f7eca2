import { randomUUID } from 'node:crypto'
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import { MAX_ACCESS_TTL_SECONDS } from '@shared/auth'
import type { Db } from '../../db/client'
import { refreshTokens, users } from '../../db/schema'
import { HttpError } from '../../http/errors'
import type { TokenService } from './tokens'

const REFRESH_TTL_SECONDS = 30 * 24 * 3600
/**
 * A refresh token presented again this soon after its first use is two tabs of one panel refreshing at
 * once, not a stolen copy: the second gets a pair of its own in the same family instead of ending it.
 */
const REUSE_GRACE_MS = 15_000

type SessionUser = { id: string; companyId: string; role: (typeof users.$inferSelect)['role']; tokenVersion: number }

/** Signs an access token and a refresh token (recorded, so that it can be used once and revoked); `continues` is the family of a refresh. */
export async function issueSession({
  db,
  tokens,
  user,
  accessTtl,
  continues,
}: {
  db: Db
  tokens: TokenService
  user: SessionUser
  accessTtl: number
  continues?: string
}) {
  // A new sign-in also sweeps out refresh tokens past their expiry, used or not.
  if (!continues) await db.delete(refreshTokens).where(lt(refreshTokens.expiresAt, sql`now()`))
  const familyId = continues ?? randomUUID()
  const [row] = await db
    .insert(refreshTokens)
    .values({
      familyId,
      userId: user.id,
      expiresAt: sql`now() + ${REFRESH_TTL_SECONDS}::int * interval '1 second'`,
    })
    .returning({ id: refreshTokens.id })
  // The access token names its family too, so that signing out or a stolen refresh token ends it as well.
  const claims = { userId: user.id, companyId: user.companyId, role: user.role, version: user.tokenVersion, familyId }
  const token = await tokens.sign(claims, 'access', Math.min(accessTtl, MAX_ACCESS_TTL_SECONDS))
  const refreshToken = await tokens.sign({ ...claims, refreshId: row!.id }, 'refresh', REFRESH_TTL_SECONDS)
  return { token, authToken: token, refreshToken }
}

const signInAgain = (message: string) => new HttpError(401, message)

/**
 * Exchanges a refresh token for a new pair. Each refresh token works once; one presented again after the
 * grace period revokes its whole family, so whoever holds a copy (and the rightful owner) must sign in again.
 */
export async function refreshSession({
  db,
  tokens,
  refreshToken,
  accessTtl,
  ended,
}: {
  db: Db
  tokens: TokenService
  refreshToken: string
  accessTtl: number
  ended: (familyId: string) => void
}) {
  const claims = await tokens.verify(refreshToken, 'refresh')
  if (!claims.refreshId || !claims.familyId) throw signInAgain('Сессия устарела: войдите снова.')
  const { refreshId, familyId } = claims
  const [used] = await db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(refreshTokens.id, refreshId), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id })
  if (!used) {
    const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.id, refreshId))
    const racing = row && !row.revokedAt && row.usedAt && Date.now() - row.usedAt.getTime() < REUSE_GRACE_MS
    if (!racing) {
      await revokeFamily(db, familyId)
      ended(familyId)
      throw signInAgain('Токен обновления уже использован: сессия завершена, войдите снова.')
    }
  }
  const [user] = await db.select().from(users).where(eq(users.id, claims.userId))
  if (!user || !user.active || user.companyId !== claims.companyId)
    throw signInAgain('Пользователь отключён администратором.')
  if (user.tokenVersion !== (claims.version ?? 0)) throw signInAgain('Сессия завершена: войдите снова.')
  return issueSession({ db, tokens, user, accessTtl, continues: familyId })
}

async function revokeFamily(db: Db, familyId: string) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
}

/** Whether a sign-in's family was ended (signed out, or its refresh token reused): its access tokens stop working. */
export async function sessionEnded(db: Db, familyId: string) {
  const [row] = await db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.familyId, familyId), isNotNull(refreshTokens.revokedAt)))
    .limit(1)
  return row !== undefined
}

/**
 * Sign-out: the refresh token and its family stop working, and so do their access tokens. A token that is
 * not valid is simply ignored. Returns the family ended, if any.
 */
export async function endSession(db: Db, tokens: TokenService, refreshToken: string) {
  const claims = await tokens.verify(refreshToken, 'refresh').catch(() => null)
  if (claims?.familyId) await revokeFamily(db, claims.familyId)
  return claims?.familyId
}
