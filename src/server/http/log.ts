import { createHash } from 'node:crypto'
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/** A signed token (a JWT's header starts `eyJ`) or an API token, wherever it stands. */
const SECRET = /eyJ[\w-]*\.[\w-]+\.[\w-]*|kt_[\w-]{16,}/g

/** The URL with %-escapes undone (three times at most: a token escaped twice is still found), or as it came. */
function decodedUrl(url: string) {
  let text = url
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(text)
      if (next === text) break
      text = next
    } catch {
      break
    }
  }
  return text
}

/**
 * The URL as logged: the events stream's whole query is masked (it may carry the token, however spelled),
 * elsewhere any parameter whose name, once decoded, says "token", and anything shaped like a token anywhere
 * (`/auth/me?Authorization=Bearer…`, `/events%3Ftoken=…`).
 */
export function loggedUrl(url: string) {
  const decoded = decodedUrl(url)
  if (decoded.search(SECRET) >= 0) return loggedUrl(decoded.replace(SECRET, '[redacted]'))
  const at = url.indexOf('?')
  if (at < 0) return url
  const path = url.slice(0, at)
  if (/\/events\/?$/.test(path)) return `${path}?[redacted]`
  const query = new URLSearchParams(url.slice(at + 1))
  for (const key of new Set(query.keys())) if (/token/i.test(key)) query.set(key, '[redacted]')
  return `${path}?${query.toString()}`
}

type DbError = Error & {
  query?: string
  cause?: unknown
  code?: string
  severity?: string
  constraint?: string
  table?: string
}

/**
 * A failure as logged. A failed statement carries client data (its parameters; PostgreSQL's `detail` and the
 * value an input-syntax message quotes): the log names the statement and the error, never the values.
 */
export function loggedError(err: unknown) {
  const e = err as DbError
  // Drizzle's error wraps the driver's; a statement run on the driver itself fails with the driver's alone.
  const query = typeof e?.query === 'string' ? e.query : null
  if (!query && !e?.severity) return err
  const cause = (query ? (e.cause ?? {}) : e) as DbError
  return {
    type: 'QueryError',
    ...(query && {
      statement: createHash('sha1').update(query).digest('base64url').slice(0, 12),
      sql: query.replace(/\s+/g, ' ').slice(0, 200),
    }),
    code: cause.code,
    constraint: cause.constraint,
    table: cause.table,
    message: String(cause.message ?? 'query failed').replace(/: ".*"$/s, ': "…"'),
    stack: e.stack
      ?.split('\n')
      .filter((line) => line.startsWith('    at '))
      .join('\n'),
  }
}

/**
 * JSON-lines logging without secrets: request lines carry method, route, path and caller, never headers
 * (Authorization) or bodies (passwords), and URLs go through loggedUrl.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream) {
  return {
    level,
    ...(stream && { stream }),
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: loggedUrl(req.url),
        route: req.routeOptions?.url,
        remoteAddress: req.ip,
      }),
    },
  }
}

/**
 * One line per request once it is answered (not two): writes and failures at info and above, successful
 * reads at debug, so the busiest requests cost nothing at info.
 */
export class RequestLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply) {
    const status = reply.statusCode
    const read = req.method === 'GET' || req.method === 'HEAD'
    const level = error || status >= 500 ? 'error' : status >= 400 ? 'warn' : read ? 'debug' : 'info'
    req.log[level](
      { req, res: { statusCode: status }, responseTime: reply.elapsedTime, ...(error && { err: loggedError(error) }) },
      'request completed',
    )
  }
}
