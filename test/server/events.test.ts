import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '@shared/events'
import { makeCompany, startTestApp, t, useTestApp } from '../support/app'
import { call, startDialogue } from '../support/api'

useTestApp({ listen: true })

/** Reads the SSE stream over real HTTP, as the panel's fetch-based reader does. */
async function openStream(init: { token?: string; query?: string }) {
  const abort = new AbortController()
  const res = await fetch(`${t.url}/api/v1/events${init.query ?? ''}`, {
    headers: init.token ? { authorization: `Bearer ${init.token}` } : {},
    signal: abort.signal,
  })
  const events: ChatEvent[] = []
  const waiters = new Set<() => void>()
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder()
      let buffer = ''
      const reader = res.body!.getReader()
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          buffer += decoder.decode(chunk.value, { stream: true })
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const data = frame.split('\n').find((line) => line.startsWith('data: '))
            if (data) events.push(JSON.parse(data.slice(6)))
            waiters.forEach((w) => w())
          }
        }
      } catch {
        // aborted by close()
      }
    })()
  }
  return {
    res,
    events,
    /** Resolves with the first event matching, failing the test if none comes in time. */
    waitFor(match: (e: ChatEvent) => boolean, ms = 5000) {
      return new Promise<ChatEvent>((resolve, reject) => {
        const check = () => {
          const found = events.find(match)
          if (!found) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`))
        }, ms)
        waiters.add(check)
        check()
      })
    },
    close: () => abort.abort(),
  }
}

describe('GET /events', () => {
  it('is what makes a person «на связи»: marked available and with the panel open, not merely created', async () => {
    const a = await makeCompany(t)
    const statusOf = async (id: string) =>
      ((await call(t, a.admin, 'GET', '/operators')).json().items as { id: string; status: string }[]).find(
        (u) => u.id === id,
      )!.status
    expect(await statusOf(a.operator.id)).toBe('away')
    const stream = await openStream({ token: a.operator.token })
    expect(stream.res.status).toBe(200)
    await expect.poll(() => statusOf(a.operator.id)).toBe('online')
    expect(await statusOf(a.supervisor.id)).toBe('away')
    // Chose «отошёл»: away with the panel open too.
    await call(t, a.operator, 'PATCH', `/operators/${a.operator.id}/status`, { status: 'away' })
    expect(await statusOf(a.operator.id)).toBe('away')
    await call(t, a.operator, 'PATCH', `/operators/${a.operator.id}/status`, { status: 'online' })
    expect(await statusOf(a.operator.id)).toBe('online')
    // The panel closed: away at once.
    stream.close()
    await expect.poll(() => statusOf(a.operator.id)).toBe('away')
  })

  it("streams the company's new messages and none of another company's", async () => {
    const a = await makeCompany(t)
    const b = await makeCompany(t)
    const streamA = await openStream({ token: a.operator.token })
    const streamB = await openStream({ token: b.operator.token })
    try {
      expect(streamA.res.status).toBe(200)
      expect(streamA.res.headers.get('content-type')).toMatch(/^text\/event-stream/)
      const sessionA = await startDialogue(t, a.operator, { externalId: `ext-${randomUUID()}` })
      const sessionB = await startDialogue(t, b.operator, { externalId: `ext-${randomUUID()}` })
      await streamA.waitFor((e) => e.type === 'session.created' && e.sessionId === sessionA.id)

      // B's message reaches B's stream first; only then A posts, so had A's stream been sent B's
      // event, it would already be there when A's own arrives.
      const inB = (await call(t, b.operator, 'POST', `/sessions/${sessionB.id}/clients/messages`, { body: 'Б' })).json()
      await streamB.waitFor((e) => e.type === 'message.created' && e.messageId === inB.id)
      const inA = (
        await call(t, a.operator, 'POST', `/sessions/${sessionA.id}/operators/messages`, { body: 'А' })
      ).json()

      const event = await streamA.waitFor((e) => e.type === 'message.created' && e.messageId === inA.id)
      expect(event).toEqual({ type: 'message.created', sessionId: sessionA.id, messageId: inA.id })
      // Neither stream names the other company's dialogue or message, in any event.
      expect(JSON.stringify(streamA.events)).not.toMatch(new RegExp(`${sessionB.id}|${inB.id}`))
      expect(JSON.stringify(streamB.events)).not.toContain(sessionA.id)
    } finally {
      streamA.close()
      streamB.close()
    }
  })

  it('does not name a parameter to a role it is hidden from', async () => {
    const a = await makeCompany(t)
    const attribute = async (body: object) =>
      (await call(t, a.admin, 'POST', '/clients/attributes', body)).json() as { id: string }
    const secret = await attribute({ name: 'Лимит', visibleTo: ['supervisor'] })
    const city = await attribute({ name: 'Город' })
    const client = (await call(t, a.operator, 'POST', '/clients', { name: 'Анна' })).json() as { id: string }
    const operator = await openStream({ token: a.operator.token })
    const supervisor = await openStream({ token: a.supervisor.token })
    try {
      await call(t, a.supervisor, 'POST', `/clients/${client.id}/attributes/${secret.id}`, { value: '100' })
      await supervisor.waitFor((e) => e.type === 'client.attributes.changed' && e.attributeId === secret.id)
      await call(t, a.admin, 'PATCH', `/clients/attributes/${secret.id}`, { description: 'только руководителям' })
      await supervisor.waitFor((e) => e.type === 'catalog.changed' && e.attributeId === secret.id)
      // Events reach a stream in order: once the visible change is there, the hidden one would have been too.
      await call(t, a.operator, 'POST', `/clients/${client.id}/attributes/${city.id}`, { value: 'Уфа' })
      await operator.waitFor((e) => e.type === 'client.attributes.changed' && e.attributeId === city.id)
      expect(operator.events.find((e) => e.type === 'catalog.changed')).toEqual({
        type: 'catalog.changed',
        catalog: 'attributes',
      })
      expect(JSON.stringify(operator.events)).not.toContain(secret.id)
    } finally {
      operator.close()
      supervisor.close()
    }
  })

  it('accepts the token in the query string, for EventSource', async () => {
    const a = await makeCompany(t)
    const stream = await openStream({ query: `?token=${a.admin.token}` })
    try {
      expect(stream.res.status).toBe(200)
      const session = await startDialogue(t, a.operator, { externalId: `ext-${randomUUID()}` })
      await stream.waitFor((e) => e.type === 'message.created' && e.sessionId === session.id)
    } finally {
      stream.close()
    }
  })

  it('refuses a stream without a valid token with 401', async () => {
    const a = await makeCompany(t)
    const check = async (init: { token?: string; query?: string }, error?: string) => {
      const stream = await openStream(init)
      expect(stream.res.status).toBe(401)
      expect(await stream.res.json()).toMatchObject({ error: error ?? expect.any(String), details: null })
    }
    await check({})
    await check({ token: 'garbage' }, 'Invalid token.')
    await check({ query: '?token=garbage' }, 'Invalid token.')
    const expired = await t.tokens.sign({ userId: a.admin.id, companyId: a.company.id, role: 'admin' }, 'access', -10)
    await check({ query: `?token=${expired}` }, 'Token is expired.')
    const refresh = await t.tokens.sign({ userId: a.admin.id, companyId: a.company.id, role: 'admin' }, 'refresh', 600)
    await check({ token: refresh }, 'Invalid token.')
  })

  it('ends open streams when the service shuts down', async () => {
    const own = await startTestApp({ listen: true })
    const a = await makeCompany(own)
    const res = await fetch(`${own.url}/api/v1/events`, { headers: a.operator.auth })
    expect(res.status).toBe(200)
    const reading = res.text().catch(() => '')
    // A connected panel must not keep the service from stopping (SIGTERM waits for app.close()).
    await Promise.race([
      own.close(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('app.close() hangs on an open stream')), 3000)),
    ])
    expect(await reading).toContain(': connected')
  })
})
