import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

/** What a channel's callbackUrl gets for each message to the client (TWIN's chatMessageCreated). */
export interface Reply {
  sessionId: string
  authorName: string | null
  body: string
  /** Whether the Standard Webhooks signature checked out with the channel secret; null when it was not known. */
  signed: boolean | null
}

/**
 * The simulated channel's own receiver, on 127.0.0.1: the service POSTs the operators' replies here. Each is
 * checked against `secret` (when the signed-in user may read it) and handed to `onReply`.
 */
export async function startReplyReceiver(secret: string | null, onReply: (reply: Reply) => void) {
  const verifier = secret ? new Webhook(secret) : null
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      res.end()
      const body = Buffer.concat(chunks).toString('utf8')
      let event: { event?: string; data?: { sessionId: string; authorName: string | null; body: string } }
      try {
        event = JSON.parse(body) as typeof event
      } catch {
        return
      }
      if (event.event !== 'chatMessageCreated' || !event.data) return
      let signed: boolean | null = null
      if (verifier) {
        try {
          verifier.verify(body, req.headers as Record<string, string>)
          signed = true
        } catch {
          signed = false
        }
      }
      onReply({ sessionId: event.data.sessionId, authorName: event.data.authorName, body: event.data.body, signed })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/replies`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
