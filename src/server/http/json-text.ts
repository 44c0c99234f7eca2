import type { FastifyReply } from 'fastify'

/**
 * Sends a body the database already wrote as JSON text in the route's response shape (the hottest reads build
 * theirs in SQL): Fastify passes a JSON string through instead of serializing it again.
 */
export const sendJsonText = (reply: { type(contentType: string): unknown }, body: string) =>
  (reply as FastifyReply).type('application/json; charset=utf-8').send(body)
