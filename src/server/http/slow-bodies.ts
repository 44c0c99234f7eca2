import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A file streamed as the body (an import): it may take long, but must keep arriving. */
    upload?: boolean
  }
}

export interface BodyLimits {
  /** A JSON body arrives whole within this; an upload delivers at least `uploadMinBytes` in each such window. */
  windowMs: number
  uploadMinBytes: number
}

/** 30 s for a JSON body; an upload must move 32 KiB per 30 s (about 1 KB/s): a 40 MB file on a slow line still fits. */
export const DEFAULT_BODY_LIMITS: BodyLimits = { windowMs: 30_000, uploadMinBytes: 32 * 1024 }

const hasBody = (req: FastifyRequest) =>
  req.headers['content-length'] !== undefined
    ? Number(req.headers['content-length']) > 0
    : req.headers['transfer-encoding'] !== undefined

/** Answers 408 and closes the connection: the rest of the body is not waited for. */
function cutOff(reply: FastifyReply) {
  reply.hijack()
  const res = reply.raw
  if (!res.headersSent) {
    const body = JSON.stringify({
      error: 'Тело запроса приходит слишком медленно',
      details: [{ path: 'body', message: 'не пришло вовремя' }],
    })
    res.writeHead(408, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    })
    res.end(body)
  }
  res.once('finish', () => reply.request.raw.socket?.destroy())
}

/**
 * Slow bodies hold a connection (and its memory) for as long as the sender likes: Node cuts slow headers,
 * not bodies. A JSON body must arrive within the window; an upload may take as long as it keeps moving.
 */
export function installBodyTimeouts(app: FastifyInstance, limits: BodyLimits = DEFAULT_BODY_LIMITS) {
  app.addHook('onRequest', (req, reply, done) => {
    if (!hasBody(req) || req.raw.complete) return done()
    const socket = req.raw.socket
    const upload = req.routeOptions.config?.upload === true
    let seen = socket.bytesRead
    const timer = setInterval(() => {
      if (req.raw.complete) return clearInterval(timer)
      const moved = socket.bytesRead - seen
      seen = socket.bytesRead
      if (upload && moved >= limits.uploadMinBytes) return
      clearInterval(timer)
      cutOff(reply)
    }, limits.windowMs)
    timer.unref()
    req.raw.once('end', () => clearInterval(timer))
    req.raw.once('close', () => clearInterval(timer))
    done()
  })
}
