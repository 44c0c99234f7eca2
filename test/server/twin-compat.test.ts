import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MAX_ACCESS_TTL_SECONDS } from '@shared/auth'
import { c, makeCompany, other, t, TEST_PASSWORD, useTestApp } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { markSeen } from '../../src/server/modules/accounts'

useTestApp()

const ext = () => `ext-${randomUUID()}`
const expOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp
const login = (body: object) =>
  call(t, null, 'POST', '/auth/login', { email: c.operator.email, password: TEST_PASSWORD, ...body })
const newChat = async (name = `Чат ${randomUUID()}`) =>
  (await call(t, c.admin, 'POST', '/chats', { name })).json() as { id: string }

describe('{clientId} is our id or the external ID', () => {
  it('finds a client by its external ID on every client route, within the company only', async () => {
    const externalId = ext()
    const session = await startDialogue(t, c.operator, { externalId, name: 'Внешний' })
    const attribute = (await call(t, c.admin, 'POST', '/clients/attributes', { name: `Поле ${randomUUID()}` })).json()
    expect((await call(t, c.operator, 'GET', `/clients/${externalId}`)).json().id).toBe(session.clientId)
    const set = await call(
      t,
      c.operator,
      'POST',
      `/clients/${encodeURIComponent(externalId)}/attributes/${attribute.id}`,
      { value: 'задано по внешнему ID' },
    )
    expect(set.statusCode, set.body).toBe(200)
    expect(
      (await call(t, c.operator, 'GET', `/clients/${session.clientId}/attributes`))
        .json()
        .items.find((a: { id: string }) => a.id === attribute.id).value,
    ).toBe('задано по внешнему ID')
    // Another company's external ID is as unknown as a made-up one.
    expectError(await call(t, other.operator, 'GET', `/clients/${externalId}`), 404)
    expectError(await call(t, other.operator, 'GET', `/clients/${externalId}/attributes`), 404)
  })

  it("prefers our id when an external ID looks like another client's id", async () => {
    const target = await startDialogue(t, c.operator, { externalId: ext(), name: 'Настоящий' })
    await startDialogue(t, c.operator, { externalId: target.clientId, name: 'Двойник' })
    expect((await call(t, c.operator, 'GET', `/clients/${target.clientId}`)).json().name).toBe('Настоящий')
  })
})

describe('sign-in as the SDK does it', () => {
  it('honours ttl up to the cap and refuses a negative one, naming it', async () => {
    const short = (await login({ ttl: 120 })).json()
    expect(expOf(short.token) - Date.now() / 1000).toBeLessThan(121)
    expect(short.token).toBe(short.authToken)
    const huge = (await login({ ttl: 10 ** 12 })).json()
    expect(expOf(huge.token) - Date.now() / 1000).toBeLessThanOrEqual(MAX_ACCESS_TTL_SECONDS)
    expectBadInput(await login({ ttl: -1 }), 'body.ttl')
    expectBadInput(
      await call(t, null, 'POST', '/auth/refresh', { refreshToken: short.refreshToken, ttl: -5 }),
      'body.ttl',
    )
  })

  it("answers 401 to a companyId that is not the user's", async () => {
    expectError(await login({ companyId: 42 }), 401)
    expectError(await login({ companyId: other.company.id }), 401)
    expect((await login({ companyId: c.company.id })).statusCode).toBe(200)
  })
})

describe('list queries', () => {
  it('takes page, trims fields (unknown ones ignored), answers the count alone, and refuses page=0 and unknown sort fields', async () => {
    await startDialogue(t, c.operator, { externalId: ext(), name: 'Первый' })
    await startDialogue(t, c.operator, { externalId: ext(), name: 'Второй' })
    const all = (await call(t, c.operator, 'GET', '/sessions?limit=1')).json()
    const second = (await call(t, c.operator, 'GET', '/sessions?limit=1&page=2')).json()
    expect(second.items[0].id).not.toBe(all.items[0].id)
    expect(Number.isInteger(second.count)).toBe(true)
    const trimmed = (await call(t, c.operator, 'GET', '/sessions?limit=2&fields=id,status,nothing')).json()
    expect(trimmed.items.map((s: object) => Object.keys(s).sort())).toEqual([
      ['id', 'status'],
      ['id', 'status'],
    ])
    expect((await call(t, c.operator, 'GET', '/sessions?limit=1&fields=nothing')).json().items[0]).toHaveProperty(
      'client',
    )
    expect((await call(t, c.operator, 'GET', '/sessions?withoutItems=1')).json()).toEqual({
      count: all.count,
      items: [],
    })
    expect((await call(t, c.operator, 'GET', '/sessions?withoutCount=1&limit=1')).json().count).toBe(-1)
    expectBadInput(await call(t, c.operator, 'GET', '/sessions?page=0'), 'querystring.page')
    const unknownSort = expectBadInput(await call(t, c.operator, 'GET', '/sessions?sort=-password'), 'querystring.sort')
    expect(unknownSort.error).toContain('password')
  })

  it('filters sessions by tags named or by id; an unknown tag finds nothing rather than failing', async () => {
    const tag = (
      await call(t, c.admin, 'POST', `/sessions/tags?tag=${encodeURIComponent(`кредит ${randomUUID()}`)}`)
    ).json()
    const session = await startDialogue(t, c.operator, { externalId: ext() })
    await call(t, c.operator, 'PUT', `/sessions/${session.id}/tags/${tag.id}`)
    const ids = async (tags: string) =>
      (await call(t, c.operator, 'GET', `/sessions?tags=${encodeURIComponent(tags)}`))
        .json()
        .items.map((s: { id: string }) => s.id)
    expect(await ids(tag.name.toUpperCase())).toEqual([session.id])
    expect(await ids(tag.id)).toEqual([session.id])
    const none = await call(t, c.operator, 'GET', `/sessions?tags=${encodeURIComponent('нет такого тега')}`)
    expect(none.statusCode).toBe(200)
    expect(none.json()).toEqual({ count: 0, items: [] })
  })
})

describe('tags by query parameter', () => {
  it('creates a tag from ?tag= with no body, an empty body or {}', async () => {
    for (const body of [undefined, {}]) {
      const name = `ВИП ${randomUUID()}`
      const res = await call(t, c.admin, 'POST', `/clients/tags?tag=${encodeURIComponent(name)}`, body)
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().name).toBe(name)
    }
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/tags?tag=${encodeURIComponent(`предоплата ${randomUUID()}`)}`,
      headers: { ...c.admin.auth, 'content-type': 'application/json' },
      payload: '',
    })
    expect(empty.statusCode, empty.body).toBe(201)
    expectBadInput(await call(t, c.admin, 'POST', '/clients/tags'), 'body.tag')
  })
})

describe('messages', () => {
  it("refuses an attachment that is not a web link, and a reply to another dialogue's message", async () => {
    const session = await startDialogue(t, c.operator, { externalId: ext() })
    const script = { name: 'x.html', url: 'javascript:alert(1)' }
    expectBadInput(
      await call(t, c.operator, 'POST', `/sessions/${session.id}/clients/messages`, {
        body: 'файл',
        attachments: [script],
      }),
      'body.attachments.0.url',
    )
    expectBadInput(await call(t, c.operator, 'POST', `/sessions/${session.id}/clients/messages`, {}), 'body.body')
    const elsewhere = await startDialogue(t, c.operator, { externalId: ext() })
    const [foreign] = (await call(t, c.operator, 'GET', `/sessions/${elsewhere.id}/messages`)).json().items
    expectBadInput(
      await call(t, c.operator, 'POST', `/sessions/${session.id}/operators/messages`, {
        body: 'Да',
        replyToMessageId: foreign.id,
      }),
      'body.replyToMessageId',
    )
  })
})

describe('chats', () => {
  it("starts no dialogue in an archived chat or another company's", async () => {
    const archived = await newChat()
    await call(t, c.admin, 'DELETE', `/chats/${archived.id}`)
    expectError(
      await call(t, c.operator, 'POST', `/chats/${archived.id}/sessions`, {
        clientExternalId: ext(),
        messageBody: 'Привет',
      }),
      404,
    )
    const theirs = (await call(t, other.admin, 'POST', '/chats', { name: 'Их чат' })).json()
    expectError(
      await call(t, c.operator, 'POST', `/chats/${theirs.id}/sessions`, {
        clientExternalId: ext(),
        messageBody: 'Привет',
      }),
      404,
    )
    expectError(await call(t, c.operator, 'GET', `/chats/${theirs.id}`), 404)
  })

  it("brings a returning client's card along and lets only admins manage chats", async () => {
    const chat = await newChat()
    const externalId = ext()
    const first = (
      await call(t, c.operator, 'POST', `/chats/${chat.id}/sessions`, {
        clientExternalId: externalId,
        clientName: 'Мария',
        messageBody: 'Раз',
      })
    ).json()
    await call(t, c.operator, 'PATCH', `/clients/${first.clientId}`, { name: 'Мария Петрова' })
    await call(t, c.operator, 'DELETE', `/sessions/${first.id}`)
    const again = (
      await call(t, c.operator, 'PUT', `/chats/${chat.id}/sessions`, {
        clientExternalId: externalId,
        clientName: 'Маша',
        messageBody: 'Два',
      })
    ).json()
    expect(again.id).not.toBe(first.id)
    expect(again.clientId).toBe(first.clientId)
    expect((await call(t, c.operator, 'GET', `/clients/${externalId}`)).json().name).toBe('Мария Петрова')
    expectError(await call(t, c.operator, 'POST', '/chats', { name: 'Свой' }), 403)
  })
})

describe('operators of a dialogue', () => {
  it('shows a dialogue under "Мои" for an added operator, keeps spam out of the list, and says why a group cannot take it', async () => {
    const co = await makeCompany(t)
    const session = await startDialogue(t, co.operator, { externalId: ext() })
    await call(t, co.operator, 'PUT', `/sessions/${session.id}/operators/${co.supervisor.id}`)
    const mine = async (who: typeof co.operator) =>
      (await call(t, who, 'GET', `/sessions?operatorId=${who.id}`)).json().items.map((s: { id: string }) => s.id)
    expect(await mine(co.supervisor)).toEqual([session.id])

    await call(t, co.operator, 'PATCH', `/sessions/${session.id}/spam`)
    expect((await call(t, co.operator, 'GET', '/sessions')).json().count).toBe(0)
    expect((await call(t, co.operator, 'GET', '/sessions?markedAsSpam=true')).json().items[0].id).toBe(session.id)

    const empty = (await call(t, co.admin, 'POST', '/operator-groups', { name: 'Пустая' })).json()
    expect(
      expectError(await call(t, co.operator, 'PATCH', `/sessions/${session.id}/groupoperators/${empty.id}`), 409).error,
    ).toBe('В группе «Пустая» нет операторов')
    const away = (
      await call(t, co.admin, 'POST', '/operator-groups', { name: 'Отошли', memberIds: [co.operator.id] })
    ).json()
    await call(t, co.operator, 'PATCH', `/operators/${co.operator.id}/status`, { status: 'away' })
    expect(
      expectError(await call(t, co.operator, 'PATCH', `/sessions/${session.id}/groupoperators/${away.id}`), 409).error,
    ).toBe('В группе «Отошли» сейчас нет операторов на связи')
    expectError(await call(t, co.operator, 'PATCH', `/operators/${co.supervisor.id}/status`, { status: 'away' }), 403)
    expectBadInput(
      await call(t, co.admin, 'POST', '/operator-groups', { name: 'Чужие', memberIds: [c.operator.id] }),
      'body.memberIds',
    )
  })

  it("passes a dialogue to the group's least loaded online member", async () => {
    const co = await makeCompany(t)
    const busy = await startDialogue(t, co.operator, { externalId: ext() })
    await call(t, co.operator, 'PATCH', `/sessions/${busy.id}/operators/${co.operator.id}`)
    const group = (
      await call(t, co.admin, 'POST', '/operator-groups', {
        name: 'Продажи',
        memberIds: [co.operator.id, co.supervisor.id],
      })
    ).json()
    // Both have the panel open (its stream marks them seen); a member without it is not picked.
    for (const u of [co.operator, co.supervisor]) await markSeen(t.db, u.id, true)
    const session = await startDialogue(t, co.operator, { externalId: ext() })
    const passed = (await call(t, co.operator, 'PATCH', `/sessions/${session.id}/groupoperators/${group.id}`)).json()
    expect(passed.operatorId).toBe(co.supervisor.id)
    const lines = (await call(t, co.operator, 'GET', `/sessions/${session.id}/messages`)).json().items
    expect(lines.at(-1).body).toBe(`Диалог передан группе «Продажи»: оператору ${co.supervisor.name}`)
  })
})
