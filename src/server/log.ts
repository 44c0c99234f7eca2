import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/**
 * JSON-lines logging without secrets: request lines carry method, path and caller, never headers
 * (Authorization) or bodies (passwords); the events stream's `?token=` is masked in the URL.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream) {
  return {
    level,
    ...(stream && { stream }),
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: req.url.replace(/([?&]token=)[^&]*/g, '$1[redacted]'),
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
