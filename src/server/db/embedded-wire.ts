import { createServer, type Socket } from 'node:net'
import type { PGlite } from '@electric-sql/pglite'

// PGlite is one PostgreSQL backend: several pg connections share it by taking turns. A turn is one whole
// request as the client sends it (the messages up to Sync, Flush, a simple Query or a password), so one connection's
// Parse/Bind/Execute never interleave with another's; a connection inside a transaction (or between a
// Flush and its Sync) keeps the backend until ReadyForQuery says it is idle again.

const SSL_REQUEST = 80877103
const [SYNC, FLUSH, QUERY, PASSWORD, TERMINATE, READY] = [0x53, 0x48, 0x51, 0x70, 0x58, 0x5a] as const
/** The messages a client waits on an answer after: the end of a request, or the password asked at start. */
const ANSWERED = new Set<number>([SYNC, FLUSH, QUERY, PASSWORD])
const IDLE = 'I'.charCodeAt(0)

interface Conn {
  socket: Socket
  buffer: Buffer
  started: boolean
  request: Buffer[]
  closed: boolean
}

/** The backend's state after a turn: idle, busy (transaction or unfinished request), or unknown (no ReadyForQuery). */
function stateAfter(output: Uint8Array): 'idle' | 'busy' | 'unknown' {
  let state: 'idle' | 'busy' | 'unknown' = 'unknown'
  const view = Buffer.from(output.buffer, output.byteOffset, output.byteLength)
  for (let at = 0; at + 5 <= view.length; at += 1 + view.readInt32BE(at + 1)) {
    if (view[at] === READY) state = view[at + 5] === IDLE ? 'idle' : 'busy'
  }
  return state
}

const simpleQuery = (text: string) => {
  const body = Buffer.from(`${text}\0`)
  const head = Buffer.alloc(5)
  head[0] = QUERY
  head.writeInt32BE(4 + body.length, 1)
  return new Uint8Array(Buffer.concat([head, body]))
}

/**
 * One message through the backend, its answer copied out as the backend writes it. Not execProtocolRaw:
 * that also parses every answer into a result list PGlite keeps, which grows with each query for as long as
 * the process lives (about one card body per request).
 */
async function exchange(db: PGlite, message: Uint8Array, output: Buffer[]) {
  await db.execProtocolRawStream(message, { onRawData: (chunk) => output.push(Buffer.from(chunk)) })
}

export function serveWire(db: PGlite, path: string) {
  const turns: { conn: Conn; messages: Buffer[] }[] = []
  let owner: Conn | null = null
  let running = false

  async function run() {
    if (running) return
    running = true
    try {
      for (;;) {
        if (owner?.closed) await release()
        const i = owner ? turns.findIndex((t) => t.conn === owner) : 0
        if (i < 0 || turns.length === 0) break
        const [{ conn, messages }] = turns.splice(i, 1) as [(typeof turns)[number]]
        const output: Buffer[] = []
        for (const m of messages) await exchange(db, m, output)
        const reply = Buffer.concat(output)
        const state = stateAfter(reply)
        owner = state === 'idle' ? null : conn
        if (!conn.closed) conn.socket.write(reply)
      }
    } finally {
      running = false
    }
  }

  // A connection that went away in the middle of a request or a transaction leaves the backend idle.
  async function release() {
    await exchange(db, new Uint8Array([SYNC, 0, 0, 0, 4]), [])
    await exchange(db, simpleQuery('ROLLBACK'), [])
    owner = null
  }

  function read(conn: Conn) {
    for (;;) {
      const b = conn.buffer
      if (!conn.started) {
        if (b.length < 8 || b.length < b.readInt32BE(0)) return
        const length = b.readInt32BE(0)
        const message = b.subarray(0, length)
        conn.buffer = b.subarray(length)
        if (b.readInt32BE(4) === SSL_REQUEST) {
          conn.socket.write('N')
          continue
        }
        conn.started = true
        turns.push({ conn, messages: [message] })
        continue
      }
      if (b.length < 5 || b.length < 1 + b.readInt32BE(1)) return
      const length = 1 + b.readInt32BE(1)
      const message = b.subarray(0, length)
      conn.buffer = b.subarray(length)
      if (message[0] === TERMINATE) {
        conn.socket.end()
        return
      }
      conn.request.push(message)
      if (ANSWERED.has(message[0]!)) {
        turns.push({ conn, messages: conn.request })
        conn.request = []
      }
    }
  }

  const server = createServer((socket) => {
    const conn: Conn = { socket, buffer: Buffer.alloc(0), started: false, request: [], closed: false }
    socket.setNoDelay(true)
    socket.on('data', (data) => {
      conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, data]) : data
      read(conn)
      void run()
    })
    const close = () => {
      if (conn.closed) return
      conn.closed = true
      for (let i = turns.length - 1; i >= 0; i--) if (turns[i]!.conn === conn) turns.splice(i, 1)
      void run()
    }
    socket.on('close', close)
    socket.on('error', close)
  })
  return new Promise<{ close(): Promise<void> }>((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => resolve({ close: () => new Promise((done) => server.close(() => done())) }))
  })
}
