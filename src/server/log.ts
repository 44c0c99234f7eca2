import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/**
 * The URL as logged: the events stream's whole query is masked (it may carry the token, however spelled),
 * and elsewhere any parameter whose name, once decoded, says "token".
 */
export function loggedUrl(url: string) {
  const at = url.indexOf('?')
  if (at < 0) return url
  const path = url.slice(0, at)
  if (/\/events\/?$/.test(path)) return `${path}?[redacted]`
  const query = new URLSearchParams(url.slice(at + 1))
  for (const key of new Set(query.keys())) if (/token/i.test(key)) query.set(key, '[redacted]')
  return `${path}?${query.toString()}`
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
    req.log[level]({ req, res: { statusCode: status }, responseTime: reply.elapsedTime, ...(error && { err: error }) }, 'request completed')
  }
}
