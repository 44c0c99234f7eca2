import { z } from 'zod'
import { errorSchema } from '@shared/common'

// Every operation's refusals, in the contract's one shape `{ error, details }`, so that a client generated from
// the OpenAPI document knows them. The handlers send them through the error handler, not through a route's
// own response schema: these are for the document only.

export const errorComponent = {
  Error: z.toJSONSchema(errorSchema, { target: 'openapi-3.0' }) as Record<string, unknown>,
}

const described: Record<number, string> = {
  400: 'Неверный запрос: details — что именно (path, message)',
  401: 'Нет токена, он истёк или отозван',
  403: 'Роли это не разрешено',
  404: 'Не найдено (в том числе чужой компании)',
  409: 'Конфликт с текущим состоянием: details — что мешает',
  413: 'Тело запроса слишком большое',
  429: 'Слишком много попыток: повторите через Retry-After секунд',
}

/** The refusals an operation can answer: a public one is not refused for its token, a bodiless one not for its size. */
export function errorResponses(method: string, url: string, isPublic: boolean) {
  const codes = [
    400,
    ...(isPublic ? [] : [401, 403]),
    404,
    409,
    ...(['POST', 'PUT', 'PATCH'].includes(method) ? [413] : []),
    ...(/\/auth\/(login|refresh)$/.test(url) ? [429] : []),
  ]
  return Object.fromEntries(
    codes.map((code) => [
      code,
      {
        description: described[code],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  )
}
