import { and, eq, lt, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { authAttempts } from '../db/schema'
import { HttpError } from '../errors'

/** At most `max` counted attempts per `key` in each fixed window of `windowSeconds`. */
export interface AttemptLimit {
  key: string
  max: number
  windowSeconds: number
}

const windowStart = (seconds: number) => sql`to_timestamp(floor(extract(epoch FROM now()) / ${seconds}::int) * ${seconds}::int)`

/** 429 with the seconds until the window ends, in the message and in `Retry-After`. */
const refused = (limit: AttemptLimit) => {
  const seconds = Math.max(1, Math.ceil(limit.windowSeconds - ((Date.now() / 1000) % limit.windowSeconds)))
  return new HttpError(429, `Слишком много попыток входа. Повторите через ${seconds} с.`, null, { 'retry-after': String(seconds) })
}

/** Refuses (429) when the limit's window is already full; counts nothing. */
export async function ensureUnder(db: Db, limit: AttemptLimit) {
  const [row] = await db.select({ count: authAttempts.count }).from(authAttempts)
    .where(and(eq(authAttempts.key, limit.key), eq(authAttempts.windowStart, windowStart(limit.windowSeconds))))
  if (row && row.count >= limit.max) throw refused(limit)
}

/** Counts an attempt; refuses (429) the one that goes over the limit. One atomic statement, so processes share it. */
export async function countAttempt(db: Db, limit: AttemptLimit) {
  const [row] = await db.insert(authAttempts).values({ key: limit.key, windowStart: windowStart(limit.windowSeconds), count: 1 })
    .onConflictDoUpdate({ target: [authAttempts.key, authAttempts.windowStart], set: { count: sql`${authAttempts.count} + 1` } })
    .returning({ count: authAttempts.count })
  if (row!.count > limit.max) throw refused(limit)
}

/** A successful sign-in forgets the account's wrong passwords, and windows older than a day go. */
export async function clearAttempts(db: Db, key: string) {
  await db.delete(authAttempts).where(eq(authAttempts.key, key))
  await db.delete(authAttempts).where(lt(authAttempts.windowStart, sql`now() - interval '1 day'`))
}
