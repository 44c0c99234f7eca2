import type { FastifyInstance, FastifyRequest } from 'fastify'

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
 * One line per request once it is answered (Fastify's own two lines per request are off): writes and
 * failures at info and above, successful reads at debug, so the busiest requests cost nothing at info.
 */
export function installRequestLogging(app: FastifyInstance) {
  app.addHook('onResponse', async (req, reply) => {
    const status = reply.statusCode
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : req.method === 'GET' || req.method === 'HEAD' ? 'debug' : 'info'
    req.log[level]({ req, res: { statusCode: status }, responseTime: reply.elapsedTime }, 'request completed')
  })
}
