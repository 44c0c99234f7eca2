import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { vi } from 'vitest'

export interface Received {
  headers: IncomingHttpHeaders
  body: string
  /** A webhook's `{ type, timestamp, data }`, or a TWIN callback's `{ event, data, callbackData }`. */
  json: { type?: string; event?: string; timestamp?: string; data: Record<string, unknown>; callbackData?: unknown }
}

/** The event a request tells of: a webhook's type or a TWIN callback's event. */
export const eventOf = (r: Received) => r.json.type ?? r.json.event

/**
 * A webhook receiver the test starts itself, on 127.0.0.1: it records each POST and answers with `answer`
 * (200 unless a test says otherwise; it may answer later, or never). `port`: come back where a closed one was.
 */
export async function startReceiver(port = 0) {
  const received: Received[] = []
  let answer: (res: ServerResponse, n: number) => void = (res) => res.end('ok')
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({ headers: req.headers, body, json: JSON.parse(body) as Received['json'] })
      answer(res, received.length)
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return {
    url,
    received,
    /** How the next requests are answered (`n` counts every request received, from 1). */
    answerWith(fn: typeof answer) {
      answer = fn
    },
    /** The requests of an event type, once there are `count` of them. */
    async waitFor(type: string, count = 1, timeout = 8000) {
      await vi.waitFor(
        () => {
          if (received.filter((r) => eventOf(r) === type).length < count) throw new Error(`waiting for ${type}`)
        },
        { timeout, interval: 25 },
      )
      return received.filter((r) => eventOf(r) === type)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
