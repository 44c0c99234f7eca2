/** An error the API answers with its own status and message (contract "Errors"). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details: unknown = null,
    /** Sent with the error, e.g. `retry-after` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export const notFound = (what = 'Не найдено') => new HttpError(404, what)
export const forbidden = () => new HttpError(403, 'Недостаточно прав для этого действия')
export const conflict = (message: string, details: unknown = null) => new HttpError(409, message, details)
export const badRequest = (path: string, message: string) => new HttpError(400, message, [{ path, message }])
