import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { MAX_VERSION } from '@shared/clients'
import { badRequest } from './errors'

// HTTP's own optimistic locking beside the body's `version`: a client's and a value's version as an ETag,
// If-Match as the version a writer saw, and a weak ETag of the card for If-None-Match.

export const versionTag = (version: number) => `"${version}"`

/** The version a write names: the body's `version`, else If-Match (`"3"`, `W/"3"`); `*` or none: unconditional. */
export function expectedVersion(req: FastifyRequest, fromBody: number | undefined): number | undefined {
  if (fromBody !== undefined) return fromBody
  const header = req.headers['if-match']?.trim()
  if (!header || header === '*') return undefined
  const m = /^(?:W\/)?"(\d{1,10})"$/.exec(header)
  if (!m || Number(m[1]) > MAX_VERSION)
    throw badRequest('headers.if-match', 'If-Match: ожидается версия в кавычках, например "3"')
  return Number(m[1])
}

/**
 * Sends a body the database wrote as JSON text with a weak ETag of its content, or 304 when the caller
 * already has it (If-None-Match): a panel or integration polling the card transfers nothing new.
 */
export function sendTagged(req: FastifyRequest, reply: FastifyReply, body: string) {
  const tag = `W/"${createHash('sha1').update(body).digest('base64url')}"`
  reply.header('etag', tag)
  if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === tag)) return reply.code(304).send()
  return reply.type('application/json; charset=utf-8').send(body)
}
