import { sql } from 'drizzle-orm'
import type { InjectOptions } from 'light-my-request'
import { expect } from 'vitest'
import { errorSchema } from '@shared/common'
import type { Session } from '@shared/sessions'
import { rowsOf } from '../../src/server/db/raw'
import type { TestApp } from './app'

/** Whoever calls the API in a test: a user of a test company (their `auth` header). */
export type Caller = { auth: Record<string, string> }

/** One call to the versioned API as a given user (or anonymously with `null`). */
export function call(t: TestApp, who: Caller | null, method: InjectOptions['method'], path: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/api/v1${path}`,
    headers: who?.auth ?? {},
    ...(payload !== undefined && { payload: payload as object }),
  })
}

/** A channel starts a dialogue the way an integration does: POST /sessions. */
export async function startDialogue(
  t: TestApp,
  who: Caller | null,
  client: { externalId: string; name?: string; phone?: string; email?: string },
  message = 'Здравствуйте!',
): Promise<Session> {
  const res = await call(t, who, 'POST', '/sessions', { client, message })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

/** The response is an error in the contract's shape `{ error, details }` with this status. */
export function expectError(res: { statusCode: number; json(): unknown; body: string }, status: number) {
  expect(res.statusCode, res.body).toBe(status)
  const body = errorSchema.strict().parse(res.json())
  expect(body.error).not.toBe('')
  return body
}

/** The error's details name this path (`body.body`, `params.sessionId`, `querystring.limit` …). */
export function expectBadInput(res: { statusCode: number; json(): unknown; body: string }, path: string) {
  const body = expectError(res, 400)
  expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]))
  return body
}

const serverMillisecond = async (t: TestApp) =>
  (
    await rowsOf<{ now: string }>(
      t.db,
      sql`SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`,
    )
  )[0]!.now

/**
 * Waits for the database clock, which stamps every change, to enter a new millisecond, and returns it:
 * whatever was written before is older than that instant, whatever is written after is not.
 */
export async function serverTick(t: TestApp): Promise<string> {
  const start = await serverMillisecond(t)
  for (;;) {
    const now = await serverMillisecond(t)
    if (now !== start) return now
  }
}
