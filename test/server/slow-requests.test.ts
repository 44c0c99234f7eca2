import { connect, type Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { MAX_STREAMS_PER_USER } from '../../src/server/modules/events'
import { c, t, useTestApp } from '../support/app'
import { call, expectBadInput } from '../support/api'

// Windows shortened from 30 s, so that a stalled body is cut within the test: JSON must arrive within
// 600 ms, an upload must move 2 KiB in each 600 ms.
useTestApp({ listen: true, bodyLimits: { windowMs: 600, uploadMinBytes: 2048 } })

/** A raw connection, to send a request as slowly or as oddly as a hostile client would, and read what comes back. */
async function open() {
  const { port } = new URL(t.url)
  const socket: Socket = connect(Number(port), '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  let received = ''
  socket.on('data', (d) => (received += d))
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.on('error', () => {})
  return {
    write: (text: string | Buffer) => socket.write(text),
    received: () => received,
    closed,
    /** Waits for a whole response (headers and the body its length names). */
    async response() {
      await expect
        .poll(
          () => {
            const at = received.indexOf('\r\n\r\n')
            const length = Number(/content-length: (\d+)/i.exec(received)?.[1] ?? -1)
            return at >= 0 && Buffer.byteLength(received.slice(at + 4)) >= length
          },
          { timeout: 10_000 },
        )
        .toBe(true)
      const [head, body] = [
        received.slice(0, received.indexOf('\r\n\r\n')),
        received.slice(received.indexOf('\r\n\r\n') + 4),
      ]
      received = ''
      return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body }
    },
    end: () => socket.destroy(),
  }
}

const headers = (method: string, path: string, extra: Record<string, string | number>) =>
  `${method} /api/v1${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries({ ...c.admin.auth, ...extra })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`

describe('slow and oversized requests do not hold the service', () => {
  it('cuts a JSON body that does not arrive in time with a 408, and closes the connection', async () => {
    const conn = await open()
    conn.write(headers('POST', '/auth/login', { 'content-type': 'application/json', 'content-length': 100 }))
    conn.write('{"email":')
    const res = await conn.response()
    expect(res.status).toBe(408)
    expect(JSON.parse(res.body)).toMatchObject({ details: [{ path: 'body' }] })
    await conn.closed
  })

  it('lets an upload take its time while it keeps moving, and cuts one that stalls', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `Медленный ${i};slow-${i}`).join('\n')
    const file = Buffer.from(`Имя;Внешний ID\n${rows}\n`)
    const steady = await open()
    steady.write(
      headers('POST', '/clients/import?dryRun=true', { 'content-type': 'text/csv', 'content-length': file.length }),
    )
    // About 12 KiB in 4 KiB pieces, one every 300 ms: longer than a window in all, never stalled.
    for (let at = 0; at < file.length; at += 4096) {
      steady.write(file.subarray(at, at + 4096))
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    const done = await steady.response()
    expect(done.status, done.body).toBe(200)
    expect(JSON.parse(done.body)).toMatchObject({ created: 400 })
    steady.end()

    const stalled = await open()
    stalled.write(
      headers('POST', '/clients/import?dryRun=true', { 'content-type': 'text/csv', 'content-length': file.length }),
    )
    stalled.write(file.subarray(0, 100))
    expect((await stalled.response()).status).toBe(408)
    await stalled.closed
  })

  it('closes the connection after an import refused on its first lines, so the next request does not hang on the rest', async () => {
    const conn = await open()
    conn.write(headers('POST', '/clients/import', { 'content-type': 'text/csv', 'content-length': 1_000_000 }))
    conn.write('Имя;Город\n"Олег"x;Тверь\n' + 'x'.repeat(70_000))
    const res = await conn.response()
    expect(res.status).toBe(400)
    expect(res.head).toContain('connection: close')
    await conn.closed
    // A well-formed request on a new connection is answered at once.
    expect((await call(t, c.admin, 'GET', '/imports')).statusCode).toBe(200)
    // A refusal of a request read whole keeps its connection for the next one.
    const kept = await open()
    kept.write('GET /api/v1/clients HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    const refused = await kept.response()
    expect(refused.status).toBe(401)
    expect(refused.head).not.toContain('connection: close')
    kept.write(headers('POST', '/views', { 'content-type': 'application/json', 'content-length': 2 }) + '{}')
    expect((await kept.response()).status).toBe(400)
    kept.end()
  })

  it('refuses a header of more than 500 columns with a 400 that says so, without answering with the file', async () => {
    const wide = `${Array.from({ length: 600 }, (_, i) => `c${i}`).join(';')}\nx\n`
    const res = await call(t, c.admin, 'POST', '/clients/import?dryRun=true', wide)
    const upload = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/clients/import?dryRun=true',
        headers: { ...c.admin.auth, 'content-type': 'text/csv' },
        payload: body,
      })
    expect(res.statusCode).toBe(415)
    const refused = expectBadInput(await upload(wide), 'body')
    expect(refused.error).toContain('500 столбцов')
    // 2.6 million columns in 5 MB: refused from the header's first part, the answer a line long.
    const huge = await upload(`${';'.repeat(2_600_000)}\nx\n`)
    expect(huge.statusCode).toBe(400)
    expect(huge.body.length).toBeLessThan(500)
    // 500 columns is still a file.
    const fits = await upload(`Имя;${Array.from({ length: 499 }, (_, i) => `c${i}`).join(';')}\nОлег\n`)
    expect(fits.statusCode, fits.body).toBe(200)
  })

  it(`keeps at most ${MAX_STREAMS_PER_USER} event streams per user: a new one ends the oldest`, async () => {
    const streams = []
    for (let i = 0; i <= MAX_STREAMS_PER_USER; i++) {
      const conn = await open()
      conn.write(
        `GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nauthorization: ${c.operator.auth.authorization}\r\n\r\n`,
      )
      await expect.poll(conn.received, { timeout: 10_000 }).toContain(': connected')
      streams.push(conn)
    }
    // The oldest stream's response ends (its last chunk); the next one goes on.
    await expect.poll(streams[0]!.received).toContain('\r\n0\r\n\r\n')
    expect(streams[1]!.received()).not.toContain('\r\n0\r\n\r\n')
    for (const s of streams) s.end()
  })
})
