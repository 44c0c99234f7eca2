import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '@shared/events'
import { c, t, useTestApp } from '../support/app'

useTestApp({ listen: true })

/** A real HTTP call, the way an integrator follows the TWIN walkthrough. */
async function http(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

/** Collects the company's events from GET /events, as an open panel would. */
async function watchEvents(token: string) {
  const abort = new AbortController()
  const res = await fetch(`${t.url}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  })
  const events: ChatEvent[] = []
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  void (async () => {
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        const frames = buffer.split('\n\n')
        buffer = frames.pop()!
        for (const frame of frames) {
          const data = frame.split('\n').find((line) => line.startsWith('data: '))
          if (data) events.push(JSON.parse(data.slice(6)))
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })()
  return {
    waitFor: (match: Partial<ChatEvent>) =>
      vi.waitFor(
        () => {
          const found = events.find((e) => Object.entries(match).every(([k, v]) => e[k as keyof ChatEvent] === v))
          if (!found) throw new Error(`no event ${JSON.stringify(match)} among ${JSON.stringify(events)}`)
          return found
        },
        { timeout: 5000 },
      ),
    close: () => abort.abort(),
  }
}

describe('the TWIN walkthrough over HTTP', () => {
  it('creates an attribute by name, finds its id in the catalog, sets a value and reads it on the client', async () => {
    const events = await watchEvents(c.operator.token)
    try {
      // 1. POST /clients/attributes {"name": "Увлечение"}
      const created = await http(c.admin.token, 'POST', '/clients/attributes', { name: 'Увлечение' })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ name: 'Увлечение', type: 'text' })

      // 2. GET /clients/attributes and take its id
      const catalog = await http(c.admin.token, 'GET', '/clients/attributes')
      expect(catalog.status).toBe(200)
      const attributeId = catalog.body.items.find((a: { name: string }) => a.name === 'Увлечение').id
      expect(attributeId).toBe(created.body.id)
      await events.waitFor({ type: 'catalog.changed', catalog: 'attributes', attributeId })

      // A client writes in through a channel.
      const session = await http(c.operator.token, 'POST', '/sessions', {
        client: { externalId: 'tg-100500', name: 'Анна' },
        message: 'Здравствуйте!',
      })
      expect(session.status).toBe(201)
      const clientId = session.body.clientId

      // 3. POST /clients/{clientId}/attributes/{attributeId} {"value": "Значение атрибута"}
      const set = await http(c.operator.token, 'POST', `/clients/${clientId}/attributes/${attributeId}`, {
        value: 'Значение атрибута',
      })
      expect(set.status).toBe(200)
      expect(set.body).toMatchObject({ id: attributeId, name: 'Увлечение', value: 'Значение атрибута', version: 1 })
      await events.waitFor({ type: 'client.attributes.changed', clientId, attributeId })

      // 4. GET /clients/{clientId}/attributes and find it
      const list = await http(c.operator.token, 'GET', `/clients/${clientId}/attributes`)
      expect(list.status).toBe(200)
      expect(list.body.items.find((a: { id: string }) => a.id === attributeId)).toMatchObject({
        name: 'Увлечение',
        value: 'Значение атрибута',
      })

      // The client comes back in a new dialogue: the same card, the same value.
      const again = await http(c.operator.token, 'POST', '/sessions', {
        client: { externalId: 'tg-100500' },
        message: 'Это снова я',
      })
      expect(again.body.clientId).toBe(clientId)
      const seen = await http(c.supervisor.token, 'GET', `/clients/${clientId}/attributes`)
      expect(seen.body.items.find((a: { id: string }) => a.id === attributeId).value).toBe('Значение атрибута')
    } finally {
      events.close()
    }
  })

  it('announces archive and clear on /events', async () => {
    const events = await watchEvents(c.operator.token)
    try {
      const attributeId = (await http(c.admin.token, 'POST', '/clients/attributes', { name: 'Рыбалка' })).body.id
      const clientId = (await http(c.operator.token, 'POST', '/clients', { name: 'Пётр' })).body.id
      await http(c.operator.token, 'POST', `/clients/${clientId}/attributes/${attributeId}`, { value: 'щука' })
      const cleared = await http(c.operator.token, 'DELETE', `/clients/${clientId}/attributes/${attributeId}`)
      expect(cleared.body).toMatchObject({ value: null, version: 2 })
      await http(c.admin.token, 'DELETE', `/clients/attributes/${attributeId}`)
      await vi.waitFor(async () => {
        await events.waitFor({ type: 'client.attributes.changed', clientId, attributeId })
        await events.waitFor({ type: 'catalog.changed', attributeId })
      })
      const card = (await http(c.operator.token, 'GET', `/clients/${clientId}/attributes`)).body.items
      expect(card.map((a: { id: string }) => a.id)).not.toContain(attributeId)
    } finally {
      events.close()
    }
  })
})
