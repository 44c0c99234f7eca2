import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Webhook as Verifier } from 'standardwebhooks'
import type { Delivery } from '@shared/webhooks'
import { c, other, t, TEST_DELIVERY, useTestApp } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { eventOf, startReceiver } from '../support/receiver'

// TWIN's channel callbacks: a dialogue started with callbackUrl gets the operator's replies; a chat's or a
// dialogue's eventCallbackUrl gets its events (filtered by notifyOnEvents); both signed with the company's
// channel secret, and logged on the chat.
useTestApp({ webhookDelivery: TEST_DELIVERY })

type Receiver = Awaited<ReturnType<typeof startReceiver>>
let replies: Receiver
let events: Receiver
beforeAll(async () => {
  replies = await startReceiver()
  events = await startReceiver()
})
afterAll(async () => {
  await replies.close()
  await events.close()
})

const newChat = async (fields: Record<string, unknown> = {}) => {
  const res = await call(t, c.admin, 'POST', '/chats', { name: `Сайт ${Math.random()}`, ...fields })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; notifyOnEvents: string[] }
}
const start = async (chatId: string, fields: Record<string, unknown>) => {
  const res = await call(t, c.operator, 'POST', `/chats/${chatId}/sessions`, {
    clientExternalId: `ext-${Math.random()}`,
    clientName: 'Анна',
    messageBody: 'Здравствуйте',
    ...fields,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string }
}
const reply = (sessionId: string, body: string) =>
  call(t, c.operator, 'POST', `/sessions/${sessionId}/operators/messages`, { body })
const ofSession = (r: Receiver, sessionId: string) => r.received.filter((x) => x.json.data.sessionId === sessionId)

describe('dialogue callbacks', () => {
  it("post the operator's reply to callbackUrl with callbackData, signed with the channel secret", async () => {
    const chat = await newChat()
    const { id } = await start(chat.id, { callbackUrl: replies.url, callbackData: 'order-42' })
    expect((await reply(id, 'Добрый день! Чем помочь?')).statusCode).toBe(201)
    await call(t, c.operator, 'POST', `/sessions/${id}/clients/messages`, { body: 'Где заказ?' })
    expect((await reply(id, 'Заказ в пути')).statusCode).toBe(201)

    await replies.waitFor('chatMessageCreated', 2)
    const got = ofSession(replies, id)
    // Only what the client should receive, in order: the client's own message is not sent back.
    expect(got.map((r) => r.json.data.body)).toEqual(['Добрый день! Чем помочь?', 'Заказ в пути'])
    expect(got[0]!.json).toMatchObject({
      event: 'chatMessageCreated',
      callbackData: 'order-42',
      data: { sessionId: id, authorType: 'operator', authorName: expect.any(String), type: 'text', attachments: [] },
    })
    expect(Object.keys(got[0]!.json.data).sort()).toEqual(
      [
        'attachments',
        'authorId',
        'authorName',
        'authorType',
        'body',
        'createdAt',
        'id',
        'replyTo',
        'sessionId',
        'type',
      ].sort(),
    )
    const { secret } = (await call(t, c.admin, 'GET', '/channel-secret')).json() as { secret: string }
    const verified = new Verifier(secret).verify(got[0]!.body, got[0]!.headers as Record<string, string>)
    expect(verified).toMatchObject({ event: 'chatMessageCreated' })
  })

  it("send a chat's dialogue events to its eventCallbackUrl in order; a dialogue's own settings win", async () => {
    const chat = await newChat({ eventCallbackUrl: events.url, eventCallbackData: 'chat-site' })
    expect(chat.notifyOnEvents).toEqual([])
    const { id } = await start(chat.id, {})
    await call(t, c.operator, 'POST', `/sessions/${id}/take`)
    await call(t, c.operator, 'POST', `/sessions/${id}/read`)
    await reply(id, 'Слушаю')
    expect((await call(t, c.operator, 'DELETE', `/sessions/${id}`)).statusCode).toBeLessThan(300)
    await vi.waitFor(() => expect(ofSession(events, id)).toHaveLength(9), { timeout: 8000 })
    const got = ofSession(events, id)
    // Nobody has the panel open in tests: the start also says no operator was found. The system lines of the
    // thread («… взял диалог», «Диалог закрыт») are messages of the dialogue too.
    expect(got.map((r) => [eventOf(r), r.json.data.authorType ?? null])).toEqual([
      ['chatSessionStarted', null],
      ['operatorNotFound', null],
      ['chatMessageCreated', 'client'],
      ['chatSessionAdded', null],
      ['chatMessageCreated', 'system'],
      ['chatMessageRead', null],
      ['chatMessageCreated', 'operator'],
      ['chatSessionDeleted', null],
      ['chatMessageCreated', 'system'],
    ])
    expect(got.every((r) => r.json.callbackData === 'chat-site')).toBe(true)
    expect(got[5]!.json.data).toMatchObject({ sessionId: id, messageIds: [expect.any(String)] })
    expect(got[3]!.json.data).toMatchObject({
      sessionId: id,
      operatorId: expect.any(String),
      operatorName: expect.any(String),
    })

    // notifyOnEvents: ["chatSessionDeleted"] on the dialogue: only the close arrives, with the dialogue's data.
    const own = await start(chat.id, {
      eventCallbackUrl: events.url,
      eventCallbackData: 'own',
      notifyOnEvents: ['chatSessionDeleted'],
    })
    await reply(own.id, 'Слушаю')
    await call(t, c.operator, 'DELETE', `/sessions/${own.id}`)
    await events.waitFor('chatSessionDeleted', 2)
    expect(ofSession(events, own.id).map((r) => [eventOf(r), r.json.callbackData])).toEqual([
      ['chatSessionDeleted', 'own'],
    ])
  })

  it('go to company webhooks as session.* events', async () => {
    const hook = await call(t, c.admin, 'POST', '/webhooks', {
      url: events.url,
      events: ['session.started', 'session.message.created', 'session.closed'],
    })
    expect(hook.statusCode, hook.body).toBe(201)
    const chat = await newChat()
    const { id } = await start(chat.id, {})
    await reply(id, 'Ответ')
    await call(t, c.operator, 'DELETE', `/sessions/${id}`)
    const got = () => events.received.filter((r) => r.json.type?.startsWith('session.') && r.json.data.sessionId === id)
    await vi.waitFor(() => expect(got()).toHaveLength(5), { timeout: 8000 })
    expect(got().map((r) => [eventOf(r), r.json.data.body ?? null])).toEqual([
      ['session.started', null],
      ['session.message.created', 'Здравствуйте'],
      ['session.message.created', 'Ответ'],
      ['session.closed', null],
      ['session.message.created', 'Диалог закрыт'],
    ])
    await call(t, c.admin, 'DELETE', `/webhooks/${hook.json().id}`)
  })

  it('are logged on the chat for its admins, and redelivered with the same webhook-id', async () => {
    const chat = await newChat()
    const { id } = await start(chat.id, { callbackUrl: replies.url })
    await reply(id, 'Для журнала')
    await replies.waitFor('chatMessageCreated', 3)
    const log = (await call(t, c.admin, 'GET', `/chats/${chat.id}/callbacks?status=delivered`)).json() as {
      items: Delivery[]
    }
    expect(log.items).toHaveLength(1)
    expect(log.items[0]).toMatchObject({ event: 'chatMessageCreated', status: 'delivered' })
    expect(log.items[0]!.attempts[0]).toMatchObject({ statusCode: 200 })
    expectError(await call(t, c.operator, 'GET', `/chats/${chat.id}/callbacks`), 403)
    expectError(await call(t, other.admin, 'GET', `/chats/${chat.id}/callbacks`), 404)
    expectError(await call(t, c.operator, 'GET', '/channel-secret'), 403)

    const before = replies.received.length
    expect((await call(t, c.admin, 'POST', `/webhook-deliveries/${log.items[0]!.id}/redeliver`)).statusCode).toBe(202)
    await replies.waitFor('chatMessageCreated', 4)
    expect(replies.received[before]!.headers['webhook-id']).toBe(log.items[0]!.id)
  })

  it('refuse an unknown event name or a URL that is not http(s), and start nothing', async () => {
    const chat = await newChat()
    const count = async () => (await call(t, c.admin, 'GET', '/sessions?limit=1')).json().count as number
    const before = await count()
    const unknown = expectBadInput(
      await call(t, c.operator, 'POST', `/chats/${chat.id}/sessions`, {
        clientName: 'Анна',
        notifyOnEvents: ['chatSessionStarted', 'chatExploded'],
      }),
      'body.notifyOnEvents.1',
    )
    expect(JSON.stringify(unknown)).toContain('chatExploded')
    expectBadInput(
      await call(t, c.operator, 'POST', `/chats/${chat.id}/sessions`, {
        clientName: 'Анна',
        callbackUrl: 'ftp://x.org/',
      }),
      'body.callbackUrl',
    )
    expect(await count()).toBe(before)

    expectBadInput(
      await call(t, c.admin, 'PUT', `/chats/${chat.id}`, { notifyOnEvents: ['nope'] }),
      'body.notifyOnEvents.0',
    )
    expectBadInput(
      await call(t, c.admin, 'PUT', `/chats/${chat.id}`, { eventCallbackUrl: 'javascript:alert(1)' }),
      'body.eventCallbackUrl',
    )
    const saved = await call(t, c.admin, 'PUT', `/chats/${chat.id}`, { notifyOnEvents: ['chatSessionDeleted'] })
    expect(saved.json()).toMatchObject({ notifyOnEvents: ['chatSessionDeleted'], eventCallbackUrl: null })
    expect((await call(t, c.operator, 'GET', `/chats/${chat.id}`)).json().notifyOnEvents).toEqual([
      'chatSessionDeleted',
    ])
  })
})
