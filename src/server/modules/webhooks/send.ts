import http from 'node:http'
import https from 'node:https'
import { Webhook } from 'standardwebhooks'
import { guardedLookup, INTERNAL_REFUSED, literalInside } from './address'

// One POST of an event: signed in the Standard Webhooks scheme, no redirect followed, at most 64 KB of the
// answer read (the first 1 KB kept for the log), given up after the time-out.

export const TIMEOUT_MS = 10_000
const MAX_READ = 64 * 1024
const KEPT = 1024

export interface Sent {
  statusCode: number | null
  latencyMs: number
  /** The first 1 KB of the answer. */
  response: string | null
  /** Why there is no answer: a network error, the time-out, an internal address. */
  error: string | null
  /** `Retry-After` of the answer, in milliseconds from now. */
  retryAfterMs: number | null
}

/** `Retry-After` in seconds or as an HTTP date. */
function retryAfter(value: string | undefined): number | null {
  if (!value) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now())
}

/** The `webhook-signature` header: one signature per secret still valid (two during a rotation). */
export const signature = (secrets: string[], id: string, at: Date, body: string) =>
  secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' ')

export function post(o: {
  url: string
  id: string
  body: string
  secrets: string[]
  allowInternal: boolean
  timeoutMs?: number
}): Promise<Sent> {
  const started = performance.now()
  const at = new Date()
  const target = new URL(o.url)
  const done = (r: Partial<Sent>): Sent => ({
    statusCode: null,
    response: null,
    error: null,
    retryAfterMs: null,
    ...r,
    latencyMs: Math.round(performance.now() - started),
  })
  if (!o.allowInternal && literalInside(target)) return Promise.resolve(done({ error: INTERNAL_REFUSED }))
  return new Promise((resolve) => {
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Kartoteka-Webhooks/1.0',
        'webhook-id': o.id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature(o.secrets, o.id, at, o.body),
      },
      lookup: o.allowInternal ? undefined : guardedLookup,
      signal: AbortSignal.timeout(o.timeoutMs ?? TIMEOUT_MS),
    })
    request.on('error', (err) =>
      resolve(
        done({
          error:
            err.name === 'AbortError' || err.name === 'TimeoutError' ? 'Нет ответа за отведённое время' : err.message,
        }),
      ),
    )
    request.on('response', (res) => {
      const chunks: Buffer[] = []
      let read = 0
      const finish = () =>
        resolve(
          done({
            statusCode: res.statusCode ?? null,
            // A database text holds no NUL: a binary answer keeps its length, with � for each.
            response: Buffer.concat(chunks).subarray(0, KEPT).toString('utf8').replaceAll('\0', '\uFFFD') || null,
            retryAfterMs: retryAfter(res.headers['retry-after']),
          }),
        )
      res.on('data', (chunk: Buffer) => {
        if (read < KEPT) chunks.push(chunk)
        read += chunk.length
        if (read >= MAX_READ) {
          finish()
          res.destroy()
        }
      })
      res.on('end', finish)
      res.on('error', finish)
    })
    request.end(o.body)
  })
}
