import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { bearerToken } from '../auth'
import type { RouteContext } from '../../http/context'
import { HttpError } from '../../http/errors'
import { markSeen } from '../accounts'

const HEARTBEAT_MS = 25_000
/** How often an open stream checks that its token still holds (expired, revoked, user deactivated). */
const RECHECK_MS = 5000
/** Streams one user may hold open in one process: a panel needs one per tab; more only hold memory. */
export const MAX_STREAMS_PER_USER = 20

/**
 * Server-Sent Events of the caller's company. The panel reads it with fetch and a Bearer header;
 * a browser EventSource, which cannot send headers, may pass `?token=` instead.
 */
export const eventRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { bus, access, db }) => {
  const open = new Set<() => void>()
  /** Each user's open streams, oldest first: a new one past the cap ends the oldest (a tab long forgotten). */
  const byUser = new Map<string, (() => void)[]>()
  // Streams never end on their own: end them before the server stops accepting, since
  // server.close() waits for open connections and onClose hooks only run after it.
  app.addHook('preClose', async () => open.forEach((end) => end()))

  app.get(
    '/events',
    {
      config: { public: true },
      schema: {
        tags: ['Sessions'],
        summary: 'Поток событий компании (Server-Sent Events)',
        querystring: z.strictObject({ token: z.string().max(4000).optional() }),
      },
    },
    async (req, reply) => {
      const token = bearerToken(req) ?? req.query.token
      if (!token) throw new HttpError(401, 'Требуется авторизация: передайте заголовок Authorization: Bearer <token>.')
      const { companyId, userId, role: roleAtStart } = await access.authenticate(token)
      let role = roleAtStart
      // HEAD (a health check, a proxy probing the URL) gets the stream's headers and no stream.
      if (req.method === 'HEAD')
        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send()

      reply.hijack()
      const res = reply.raw
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write('retry: 3000\n: connected\n\n')
      const unsubscribe = bus.subscribe(companyId, (event, seenBy) => {
        const hidden = seenBy && role !== 'admin' && !seenBy.includes(role)
        // A catalog change still reaches the panel (the catalog it shows may have lost the parameter), unnamed.
        if (hidden && event.type !== 'catalog.changed') return
        const sent = hidden ? { ...event, attributeId: undefined } : event
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(sent)}\n\n`)
      })
      // The open panel is its person's presence: seen now and at each heartbeat (operators/repo.ts).
      const seen = (here: boolean) => void markSeen(db, userId, here).catch(() => {})
      seen(true)
      const heartbeat = setInterval(() => (res.write(': ping\n\n'), seen(true)), HEARTBEAT_MS)
      // A stream ends when its token stops holding; the panel reconnects with a fresh one.
      // The role is read again too: a demoted supervisor's stream stops naming what they no longer see.
      const recheck = setInterval(
        () =>
          void access.authenticate(token).then(
            (caller) => {
              role = caller.role
            },
            () => end(),
          ),
        RECHECK_MS,
      )
      const end = () => {
        clearInterval(heartbeat)
        clearInterval(recheck)
        unsubscribe()
        open.delete(end)
        const mine = byUser.get(userId)?.filter((e) => e !== end) ?? []
        if (mine.length) byUser.set(userId, mine)
        else {
          byUser.delete(userId)
          seen(false)
        }
        res.end()
      }
      open.add(end)
      const mine = [...(byUser.get(userId) ?? []), end]
      byUser.set(userId, mine)
      if (mine.length > MAX_STREAMS_PER_USER) mine[0]!()
      req.raw.on('close', end)
    },
  )
}
