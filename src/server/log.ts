import type { FastifyRequest } from 'fastify'

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
