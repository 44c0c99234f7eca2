import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import type { ChatEvent } from '@shared/events'
import type { Message } from '@shared/messages'
import type { AssignedTag, Tag } from '@shared/tags'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, type Caller, expectError, startDialogue } from '../support/api'

useTestApp({ listen: true })

const newTag = async (who: Caller, catalog: '/clients/tags' | '/sessions/tags', name: string): Promise<Tag> => {
  const res = await call(t, who, 'POST', catalog, { tag: name })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

/** A company with one client tag, one session tag and a dialogue with a fresh client. */
async function setup() {
  const co = await makeCompany(t)
  const vip = await newTag(co.admin, '/clients/tags', 'ВИП-клиент')
  const prepaid = await newTag(co.admin, '/sessions/tags', 'предоплата')
  const session = await startDialogue(t, co.operator, { externalId: `ext-${randomUUID()}`, name: 'Анна' })
  return { co, vip, prepaid, session, clientId: session.clientId }
}

const put = (who: Caller, path: string) => call(t, who, 'PUT', path)
const del = (who: Caller, path: string) => call(t, who, 'DELETE', path)
const tagsOn = async (who: Caller, path: string) => {
  const res = await call(t, who, 'GET', path)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { count: number; items: AssignedTag[] }
}
const thread = async (who: Caller, sessionId: string) =>
  (await call(t, who, 'GET', `/sessions/${sessionId}/messages`)).json().items as Message[]
const systemLines = async (who: Caller, sessionId: string) =>
  (await thread(who, sessionId)).filter((m) => m.authorType === 'system').map((m) => m.body)
const usage = async (who: Caller, catalog: string, tagId: string) =>
  ((await call(t, who, 'GET', `${catalog}?includeArchived=true`)).json().items as Tag[]).find((x) => x.id === tagId)!
    .usageCount

describe('putting tags on clients and sessions', () => {
  it('adds a client tag and a session tag, keeping who added them and when', async () => {
    const { co, vip, prepaid, session, clientId } = await setup()
    const res = await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({
      count: 1,
      items: [
        { ...vip, usageCount: 1, addedAt: expect.any(String), addedBy: { id: co.operator.id, name: co.operator.name } },
      ],
    })
    const onSession = (await put(co.supervisor, `/sessions/${session.id}/tags/${prepaid.id}`)).json()
    expect(onSession.items).toEqual([
      expect.objectContaining({ id: prepaid.id, addedBy: { id: co.supervisor.id, name: co.supervisor.name } }),
    ])

    expect((await tagsOn(co.admin, `/clients/${clientId}/tags`)).items.map((x) => x.name)).toEqual(['ВИП-клиент'])
    expect((await tagsOn(co.admin, `/sessions/${session.id}/tags`)).items.map((x) => x.name)).toEqual(['предоплата'])
    expect(await usage(co.admin, '/clients/tags', vip.id)).toBe(1)
    expect(await usage(co.admin, '/sessions/tags', prepaid.id)).toBe(1)
  })

  it('shows client tags on the client and session tags on the session payloads, in lists too', async () => {
    const { co, vip, prepaid, session, clientId } = await setup()
    await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)
    await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
    const ref = (tag: Tag) => ({ id: tag.id, name: tag.name, color: tag.color })

    expect((await call(t, co.operator, 'GET', `/clients/${clientId}`)).json().tags).toEqual([ref(vip)])
    // A session's tags come as TWIN's SDK reads them: names in a string, ids beside them.
    expect((await call(t, co.operator, 'GET', `/sessions/${session.id}`)).json()).toMatchObject({
      tags: prepaid.name,
      tagIds: [prepaid.id],
    })
    expect((await call(t, co.operator, 'GET', '/clients')).json().items[0].tags).toEqual([ref(vip)])
    expect((await call(t, co.operator, 'GET', '/sessions')).json().items[0]).toMatchObject({
      tags: prepaid.name,
      tagIds: [prepaid.id],
    })

    // A new dialogue of the same client brings the client tag along, not the session tag.
    await call(t, co.operator, 'DELETE', `/sessions/${session.id}`)
    const next = await startDialogue(t, co.operator, { externalId: session.client.externalId! })
    expect(next.clientId).toBe(clientId)
    expect(next).toMatchObject({ tags: null, tagIds: [] })
    expect((await call(t, co.operator, 'GET', `/clients/${next.clientId}`)).json().tags).toEqual([ref(vip)])
  })

  it('adding the same tag twice keeps one link and is not an error', async () => {
    const { co, vip, prepaid, session, clientId } = await setup()
    const first = (await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)).json()
    const second = await put(co.supervisor, `/clients/${clientId}/tags/${vip.id}`)
    expect(second.statusCode).toBe(200)
    // The link keeps its first author and time.
    expect(second.json()).toEqual(first)
    await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
    expect((await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)).json().count).toBe(1)
    expect(await usage(co.admin, '/clients/tags', vip.id)).toBe(1)
  })

  it('two panels adding the same session tag at once make one link and one system line', async () => {
    const { co, prepaid, session } = await setup()
    const both = await Promise.all(
      [co.operator, co.supervisor].map((who) => put(who, `/sessions/${session.id}/tags/${prepaid.id}`)),
    )
    expect(both.map((r) => r.statusCode)).toEqual([200, 200])
    expect((await tagsOn(co.admin, `/sessions/${session.id}/tags`)).count).toBe(1)
    expect(await systemLines(co.admin, session.id)).toHaveLength(1)
  })

  it('removing a tag that is not there is not an error; removing one that is returns the rest', async () => {
    const { co, vip, prepaid, session, clientId } = await setup()
    const missing = await del(co.operator, `/clients/${clientId}/tags/${vip.id}`)
    expect(missing.statusCode, missing.body).toBe(200)
    expect(missing.json()).toEqual({ count: 0, items: [] })
    expect((await del(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)).json()).toEqual({
      count: 0,
      items: [],
    })

    const often = await newTag(co.admin, '/clients/tags', 'часто обращается')
    await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)
    await put(co.operator, `/clients/${clientId}/tags/${often.id}`)
    const left = (await del(co.operator, `/clients/${clientId}/tags/${vip.id}`)).json()
    expect(left.items.map((x: Tag) => x.name)).toEqual(['часто обращается'])
    expect((await del(co.operator, `/clients/${clientId}/tags/${vip.id}`)).statusCode).toBe(200)
  })
})

describe('tags that cannot be put there', () => {
  it('answers 404 for a session tag on a client and a client tag on a session, and changes nothing', async () => {
    const { co, vip, prepaid, session, clientId } = await setup()
    expect(expectError(await put(co.operator, `/clients/${clientId}/tags/${prepaid.id}`), 404).error).toBe(
      'Тег не найден',
    )
    expectError(await put(co.operator, `/sessions/${session.id}/tags/${vip.id}`), 404)
    expectError(await del(co.operator, `/clients/${clientId}/tags/${prepaid.id}`), 404)
    expectError(await del(co.operator, `/sessions/${session.id}/tags/${vip.id}`), 404)
    expect((await tagsOn(co.operator, `/clients/${clientId}/tags`)).count).toBe(0)
    expect((await tagsOn(co.operator, `/sessions/${session.id}/tags`)).count).toBe(0)
  })

  it("answers 404 for another company's tag, client or session", async () => {
    const mine = await setup()
    const theirs = await setup()
    const { operator } = mine.co
    // Their tag on my client and session.
    expectError(await put(operator, `/clients/${mine.clientId}/tags/${theirs.vip.id}`), 404)
    expectError(await put(operator, `/sessions/${mine.session.id}/tags/${theirs.prepaid.id}`), 404)
    // My tag on their client and session, and reading their tags.
    expectError(await put(operator, `/clients/${theirs.clientId}/tags/${mine.vip.id}`), 404)
    expectError(await put(operator, `/sessions/${theirs.session.id}/tags/${mine.prepaid.id}`), 404)
    expectError(await del(operator, `/clients/${theirs.clientId}/tags/${mine.vip.id}`), 404)
    expectError(await del(operator, `/sessions/${theirs.session.id}/tags/${mine.prepaid.id}`), 404)
    expectError(await call(t, operator, 'GET', `/clients/${theirs.clientId}/tags`), 404)
    expectError(await call(t, operator, 'GET', `/sessions/${theirs.session.id}/tags`), 404)
    // Their dialogue as the place for my system line.
    expectError(
      await put(operator, `/clients/${mine.clientId}/tags/${mine.vip.id}?sessionId=${theirs.session.id}`),
      404,
    )
    expect((await tagsOn(operator, `/clients/${mine.clientId}/tags`)).count).toBe(0)
    expect((await tagsOn(theirs.co.operator, `/clients/${theirs.clientId}/tags`)).count).toBe(0)
    expect(await systemLines(theirs.co.operator, theirs.session.id)).toEqual([])
  })

  it('refuses to add an archived tag (409) but keeps it visible where it already is', async () => {
    const { co, vip, prepaid, session, clientId } = await setup()
    await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)
    await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
    await del(co.admin, `/clients/tags/${vip.id}`)
    await del(co.admin, `/sessions/tags/${prepaid.id}`)

    const other = await startDialogue(t, co.operator, { externalId: `ext-${randomUUID()}` })
    const refused = expectError(await put(co.operator, `/clients/${other.clientId}/tags/${vip.id}`), 409)
    expect(refused.error).toContain('в архиве')
    expectError(await put(co.operator, `/sessions/${other.id}/tags/${prepaid.id}`), 409)

    // Where it already was: still listed, still on the payloads, and a repeated PUT is a no-op.
    expect((await tagsOn(co.operator, `/clients/${clientId}/tags`)).items[0]).toMatchObject({
      id: vip.id,
      archivedAt: expect.any(String),
    })
    expect((await call(t, co.operator, 'GET', `/clients/${clientId}`)).json().tags.map((x: Tag) => x.id)).toEqual([
      vip.id,
    ])
    expect((await call(t, co.operator, 'GET', `/sessions/${session.id}`)).json().tagIds).toEqual([prepaid.id])
    expect((await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)).statusCode).toBe(200)
    expect((await call(t, co.operator, 'GET', `/sessions?tagId=${prepaid.id}`)).json().count).toBe(1)

    // It can still be taken off; once restored it can be added again.
    expect((await del(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)).json().count).toBe(0)
    await call(t, co.admin, 'PATCH', `/clients/tags/${vip.id}`, { archived: false })
    expect((await put(co.operator, `/clients/${other.clientId}/tags/${vip.id}`)).statusCode).toBe(200)
  })

  it('answers 400 for malformed ids', async () => {
    const { co, vip, clientId } = await setup()
    expectError(await put(co.operator, `/clients/${clientId}/tags/nope`), 400)
    expectError(await put(co.operator, `/clients/nope/tags/${vip.id}`), 404)
    expectError(await put(co.operator, `/clients/${clientId}/tags/${vip.id}?sessionId=nope`), 400)
  })
})

describe('filters', () => {
  it('filters sessions and clients by tags, several tagId meaning all of them', async () => {
    const { co, vip, prepaid, session, clientId } = await setup()
    const credit = await newTag(co.admin, '/sessions/tags', 'кредит')
    const often = await newTag(co.admin, '/clients/tags', 'часто обращается')
    const second = await startDialogue(t, co.operator, { externalId: `ext-${randomUUID()}`, name: 'Борис' })
    await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
    await put(co.operator, `/sessions/${session.id}/tags/${credit.id}`)
    await put(co.operator, `/sessions/${second.id}/tags/${prepaid.id}`)
    await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)
    await put(co.operator, `/clients/${clientId}/tags/${often.id}`)
    await put(co.operator, `/clients/${second.clientId}/tags/${vip.id}`)

    const ids = async (path: string) =>
      ((await call(t, co.operator, 'GET', path)).json().items as { id: string }[]).map((x) => x.id).sort()
    expect(await ids(`/sessions?tagId=${prepaid.id}`)).toEqual([session.id, second.id].sort())
    expect(await ids(`/sessions?tagId=${prepaid.id}&tagId=${credit.id}`)).toEqual([session.id])
    expect(await ids(`/sessions?tagId=${vip.id}`)).toEqual([])
    expect(await ids(`/clients?tagId=${vip.id}`)).toEqual([clientId, second.clientId].sort())
    expect(await ids(`/clients?tagId=${vip.id}&tagId=${often.id}`)).toEqual([clientId])
    expect(await ids(`/clients?tagId=${prepaid.id}`)).toEqual([])
    // Dialogues by their client's tags, and each dialogue carries its client's tags.
    expect(await ids(`/sessions?clientTagId=${vip.id}&clientTagId=${often.id}`)).toEqual([session.id])
    expect(await ids(`/sessions?clientTagId=${vip.id}&tagId=${credit.id}`)).toEqual([session.id])
    const listed = (await call(t, co.operator, 'GET', `/sessions?clientTagId=${vip.id}`)).json().items
    expect(listed).toHaveLength(2)
    const mine = listed.find((s: { id: string }) => s.id === session.id)
    expect(mine.client.tags.map((x: { name: string }) => x.name)).toEqual(['ВИП-клиент', 'часто обращается'])
  })
})

describe('the dialogue thread and live events', () => {
  it('writes a system line into the session when its tag changes, only when something changed', async () => {
    const { co, prepaid, session } = await setup()
    await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
    await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
    await del(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
    await del(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
    expect(await systemLines(co.operator, session.id)).toEqual([
      `${co.operator.name} добавил тег «предоплата»`,
      `${co.operator.name} убрал тег «предоплата»`,
    ])
  })

  it("writes a client tag line only into the dialogue named by ?sessionId, which must be this client's", async () => {
    const { co, vip, session, clientId } = await setup()
    await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)
    expect(await systemLines(co.operator, session.id)).toEqual([])
    await del(co.operator, `/clients/${clientId}/tags/${vip.id}?sessionId=${session.id}`)
    await put(co.operator, `/clients/${clientId}/tags/${vip.id}?sessionId=${session.id}`)
    await put(co.operator, `/clients/${clientId}/tags/${vip.id}?sessionId=${session.id}`)
    expect(await systemLines(co.operator, session.id)).toEqual([
      `${co.operator.name} убрал тег клиента «ВИП-клиент»`,
      `${co.operator.name} добавил тег клиента «ВИП-клиент»`,
    ])

    const stranger = await startDialogue(t, co.operator, { externalId: `ext-${randomUUID()}` })
    expectError(await del(co.operator, `/clients/${clientId}/tags/${vip.id}?sessionId=${stranger.id}`), 404)
    expect((await tagsOn(co.operator, `/clients/${clientId}/tags`)).count).toBe(1)
    expect(await systemLines(co.operator, stranger.id)).toEqual([])
  })

  it('tells open panels about tag, catalog and thread changes on /events', async () => {
    const { co, vip, prepaid, session, clientId } = await setup()
    const stream = await listen(co.operator)
    try {
      await newTag(co.admin, '/clients/tags', 'новый')
      await call(t, co.admin, 'PATCH', `/sessions/tags/${prepaid.id}`, { color: 'red' })
      await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)
      await put(co.operator, `/clients/${clientId}/tags/${vip.id}`)
      await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)
      await put(co.operator, `/sessions/${session.id}/tags/${prepaid.id}`)

      const line = (await thread(co.operator, session.id)).find((m) => m.authorType === 'system')!
      const expected: ChatEvent[] = [
        { type: 'catalog.changed', catalog: 'clientTags' },
        { type: 'catalog.changed', catalog: 'sessionTags' },
        { type: 'client.tags.changed', clientId },
        { type: 'session.tags.changed', sessionId: session.id, clientId },
        { type: 'message.created', sessionId: session.id, messageId: line.id },
      ]
      // The repeated PUTs changed nothing and said nothing: a later change arrives with nothing of theirs before it.
      await call(t, co.operator, 'PATCH', `/clients/${clientId}`, { name: 'Позже' })
      await vi.waitFor(() => expect(stream.events).toContainEqual({ type: 'client.updated', clientId }))
      expect(stream.events).toEqual(expect.arrayContaining(expected))
      const count = (type: ChatEvent['type']) => stream.events.filter((e) => e.type === type).length
      expect([count('client.tags.changed'), count('session.tags.changed'), count('message.created')]).toEqual([1, 1, 1])
    } finally {
      stream.stop()
    }
  })
})

/** Reads /events the way the panel does (fetch with a Bearer header) and collects the events. */
async function listen(who: Caller) {
  const abort = new AbortController()
  const res = await fetch(`${t.url}/api/v1/events`, { headers: who.auth, signal: abort.signal })
  const events: ChatEvent[] = []
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  void (async () => {
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += value
      const frames = buffer.split('\n\n')
      buffer = frames.pop()!
      for (const data of frames.flatMap((f) => f.split('\n')).filter((l) => l.startsWith('data: '))) {
        events.push(JSON.parse(data.slice(6)))
      }
    }
  })().catch(() => {})
  return { events, stop: () => abort.abort() }
}
