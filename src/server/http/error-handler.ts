import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { INDEX_KEY_TOO_LONG, isIndexKeyTooLong } from '../db/sql-helpers'
import { HttpError } from './errors'
import { loggedError } from './log'

const frameworkMessages: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Некорректный JSON в теле запроса',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Пустое тело запроса при Content-Type: application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Тело запроса слишком большое',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Неподдерживаемый Content-Type: ожидается application/json',
}

const errorBody = (message: string, path: string) => ({ error: message, details: [{ path, message }] })

/**
 * Fastify's own refusals, before any route runs, in the contract's shape too: a path that does not decode
 * and a path parameter over the router's length (Fastify options `frameworkErrors`, `clientErrorHandler`).
 */
export const frameworkErrorOptions = {
  frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
    const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
    const message = tooLong
      ? 'Слишком длинный параметр в пути запроса'
      : 'Некорректный адрес: путь не декодируется (неверная %-кодировка)'
    return reply.code(tooLong ? 414 : 400).send(errorBody(message, 'path'))
  },
  /** Requests the HTTP parser refuses (oversized headers, malformed lines) never reach Fastify's handlers. */
  clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex) {
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    const [status, text, body] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', errorBody('Заголовки запроса слишком большие', 'headers')]
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', { error: 'Запрос не пришёл целиком вовремя', details: null }]
          : [400, 'Bad Request', { error: 'Некорректный HTTP-запрос', details: null }]
    const json = JSON.stringify(body)
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(json)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${json}`,
      )
    }
    socket.destroy(err)
  },
}

/** Every error leaves in the contract's shape `{ error, details }`; bad input is never a 500. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // Refused before its body was read (an upload's bad first lines, a 413): the rest of the body would wait
    // in the connection for the next request to trip over. The connection closes instead.
    if (!req.raw.complete) reply.header('connection', 'close')
    if (err instanceof HttpError) {
      return reply
        .code(err.statusCode)
        .headers(err.headers)
        .send({ error: err.message, details: err.details ?? null })
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body'
      const details = err.validation.map((v) => {
        const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.')
        const keys = v.params.keys as string[] | undefined
        return {
          path,
          message: v.keyword === 'unrecognized_keys' && keys ? `неизвестные поля: ${keys.join(', ')}` : v.message,
        }
      })
      const first = details[0]
      return reply.code(400).send({ error: first ? `${first.path}: ${first.message}` : 'Некорректный запрос', details })
    }
    if (isIndexKeyTooLong(err)) return reply.code(400).send({ error: INDEX_KEY_TOO_LONG, details: null })
    const status = err.statusCode ?? 500
    if (status < 500) {
      const message = frameworkMessages[err.code] ?? err.message
      // The contract's 400s list what is wrong; an unreadable body is wrong as a whole.
      const details = status === 400 && err.code?.startsWith('FST_ERR_CTP_') ? [{ path: 'body', message }] : null
      return reply.code(status).send({ error: message, details })
    }
    req.log.error({ err: loggedError(err) }, 'request failed')
    return reply.code(500).send({ error: 'Внутренняя ошибка сервера', details: null })
  })

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `Маршрут ${req.method} ${req.url.split('?')[0]} не найден`, details: null }),
  )
}
