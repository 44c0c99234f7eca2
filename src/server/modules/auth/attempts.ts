import { and, eq, gt, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { authAttempts } from '../../db/schema'
import { HttpError } from '../../http/errors'

/** At most `max` counted attempts per `key` in any `windowSeconds` (a sliding window). */
export interface AttemptLimit {
  key: string
  max: number
  windowSeconds: number
}

// Each counted attempt is a row stamped with its time (`window_start`), so "the last 15 minutes" means just
// that: fixed windows let twice the allowance through around a window's edge. Attempts refused before they
// are counted add no row, so a key holds at most `max` rows per window.
const inWindow = (limit: AttemptLimit) =>
  and(
    eq(authAttempts.key, limit.key),
    gt(authAttempts.windowStart, sql`now() - ${limit.windowSeconds}::int * interval '1 second'`),
  )

/** The attempts counted within the window, and the seconds until the oldest of them leaves it. */
async function counted(db: Db, limit: AttemptLimit) {
  const [row] = await db
    .select({
      n: sql<number>`coalesce(sum(${authAttempts.count}), 0)::int`,
      wait: sql<number>`ceil(extract(epoch FROM min(${authAttempts.windowStart}) + ${limit.windowSeconds}::int * interval '1 second' - now()))::int`,
    })
    .from(authAttempts)
    .where(inWindow(limit))
  return row!
}

/** 429 with the seconds until an attempt may be made again, in the message and in `Retry-After`. */
const refused = (wait: number | null) => {
  const seconds = String(Math.max(1, wait ?? 1))
  return new HttpError(429, `Слишком много попыток входа. Повторите через ${seconds} с.`, null, {
    'retry-after': seconds,
  })
}

/** Refuses (429) when the window is already full; counts nothing. */
export async function ensureUnder(db: Db, limit: AttemptLimit) {
  const { n, wait } = await counted(db, limit)
  if (n >= limit.max) throw refused(wait)
}

/** Counts an attempt; refuses (429) the one that goes over the limit. In the database, so processes share it. */
export async function countAttempt(db: Db, limit: AttemptLimit) {
  await db
    .insert(authAttempts)
    .values({ key: limit.key, windowStart: sql`clock_timestamp()`, count: 1 })
    .onConflictDoUpdate({
      target: [authAttempts.key, authAttempts.windowStart],
      set: { count: sql`${authAttempts.count} + 1` },
    })
  const { n, wait } = await counted(db, limit)
  if (n > limit.max) throw refused(wait)
}

/** Refuses (429) an attempt over the limit, and counts the others. */
export async function admitAttempt(db: Db, limit: AttemptLimit) {
  await ensureUnder(db, limit)
  await countAttempt(db, limit)
}

/** A successful sign-in forgets the account's wrong passwords, and attempts older than a day go. */
export async function clearAttempts(db: Db, key: string) {
  await db.delete(authAttempts).where(eq(authAttempts.key, key))
  await db.delete(authAttempts).where(lt(authAttempts.windowStart, sql`now() - interval '1 day'`))
}
