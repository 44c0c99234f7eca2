import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { HttpError } from './errors'

const MAX_DEPTH = 20
// NUL, and a UTF-16 surrogate without its pair: valid in JSON, refused by PostgreSQL text and jsonb.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Whether PostgreSQL can take the text: for values decoded past the guard (a list cursor). */
export const isStorable = (text: string) => !UNSTORABLE.test(text)

const refuse = (path: string, message: string) => new HttpError(400, `${path}: ${message}`, [{ path, message }])

function check(value: unknown, path: string, depth: number): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) throw refuse(path, 'текст содержит недопустимый символ (U+0000 или непарный суррогат)')
    return
  }
  if (value === null || typeof value !== 'object') return
  // jsonb has a nesting limit of its own; metadata deeper than this is a mistake anyway.
  if (depth >= MAX_DEPTH) throw refuse(path, `слишком глубокая вложенность (больше ${MAX_DEPTH} уровней)`)
  for (const [key, item] of Object.entries(value)) {
    check(key, path, depth)
    check(item, `${path}.${key}`, depth + 1)
  }
}

/**
 * Input that JSON and URLs allow but the database cannot store is refused before validation, as a 400
 * naming the field: otherwise it would reach PostgreSQL and come back as a 500.
 */
export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    check(req.params, 'params', 0)
    check(req.query, 'querystring', 0)
    // An uploaded file is a stream, read as it arrives: its reader checks what it reads (batches/import-columns).
    if (!(req.body instanceof Readable)) check(req.body, 'body', 0)
  })
}
