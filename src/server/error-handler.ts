import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { HttpError } from './errors'

const frameworkMessages: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Некорректный JSON в теле запроса',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Пустое тело запроса при Content-Type: application/json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Тело запроса слишком большое',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Неподдерживаемый Content-Type: ожидается application/json',
}

/** Every error leaves in the contract's shape `{ error, details }`; bad input is never a 500. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).headers(err.headers).send({ error: err.message, details: err.details ?? null })
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body'
      const details = err.validation.map((v) => {
        const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.')
        const keys = v.params.keys as string[] | undefined
        return { path, message: v.keyword === 'unrecognized_keys' && keys ? `неизвестные поля: ${keys.join(', ')}` : v.message }
      })
      const first = details[0]
      return reply.code(400).send({ error: first ? `${first.path}: ${first.message}` : 'Некорректный запрос', details })
    }
    const status = err.statusCode ?? 500
    if (status < 500) {
      const message = frameworkMessages[err.code] ?? err.message
      // The contract's 400s list what is wrong; an unreadable body is wrong as a whole.
      const details = status === 400 && err.code?.startsWith('FST_ERR_CTP_') ? [{ path: 'body', message }] : null
      return reply.code(status).send({ error: message, details })
    }
    req.log.error({ err }, 'request failed')
    return reply.code(500).send({ error: 'Внутренняя ошибка сервера', details: null })
  })

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `Маршрут ${req.method} ${req.url.split('?')[0]} не найден`, details: null }),
  )
}
