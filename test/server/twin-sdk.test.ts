import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { c, t, TEST_PASSWORD, TEST_SECRET, useTestApp } from '../support/app'
import { markSeen } from '../../src/server/modules/accounts'
import {
  authenticationTokenData,
  chatCollection,
  chatDetails,
  createChat,
  createdMessage,
  expectSdkParses,
  lastMessage,
  messageCollection,
  phpQuery,
  sessionCollection,
  sessionInfo,
  startChatSession,
} from '../support/twin-sdk'

useTestApp({ listen: true })

type Params = Record<string, unknown>

/**
 * One call the way TWIN's PHP SDK makes it (HttpClient::request over Guzzle): JSON content type on every
 * request, GET parameters as a PHP query string, every other method with its parameters as a JSON body,
 * where PHP encodes an empty parameter array as `[]`.
 */
async function sdk(
  token: string | null,
  method: string,
  path: string,
  params: Params = {},
  headers: Record<string, string> = {},
) {
  const query = method === 'GET' ? phpQuery(params as Record<string, string | number | boolean | null>) : ''
  const res = await fetch(`${t.url}/api/v1/${path}${query ? `?${query}` : ''}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }), ...headers },
    body: method === 'GET' ? undefined : Object.keys(params).length ? JSON.stringify(params) : '[]',
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

const ok = async (call: Promise<{ status: number; body: unknown }>, status = 200) => {
  const res = await call
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res.body as Record<string, unknown> & { items: Record<string, unknown>[] }
}

describe("TWIN's PHP SDK against the service", () => {
  it('plays its request sequence: sign-in, chats, sessions, messages, operators, spam, close, refresh', async () => {
    // Authenticator::login: the body as the SDK builds it (companyId null when not given, extra an empty array).
    const login = await ok(
      sdk(null, 'POST', 'auth/login', {
        email: c.admin.email,
        password: TEST_PASSWORD,
        ttl: 3600,
        companyId: null,
        extra: [],
      }),
    )
    expectSdkParses(authenticationTokenData, login)
    const token = login.token as string
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }
    expect(exp - Date.now() / 1000).toBeGreaterThan(3500)

    // Chats.
    const created = await ok(
      sdk(token, 'POST', 'chats', {
        name: 'Сайт',
        timerFirstAnswer: 60,
        timerNextAnswers: 120,
        messengers: ['telegram'],
      }),
      201,
    )
    expectSdkParses(createChat, created)
    const chatId = created.id as string
    const chats = await ok(sdk(token, 'GET', 'chats', { limit: 10, withoutCount: false, sort: '-createdAt' }))
    expectSdkParses(chatCollection, chats)
    expect(chats.items.map((chat) => chat.id)).toContain(chatId)
    expectSdkParses(chatDetails, await ok(sdk(token, 'GET', `chats/${chatId}`)))
    await ok(sdk(token, 'PUT', `chats/${chatId}`, { name: 'Сайт компании' }))

    // startChatSession, then continueChatSession for the same client: one dialogue.
    const externalId = `site-${crypto.randomUUID()}`
    const start = {
      clientExternalId: externalId,
      clientFirstName: 'Анна',
      clientLastName: 'Сидорова',
      clientPhone: '+7 900 111-22-33',
      clientMetadata: {},
      channel: 'widget',
      messengerType: 'web',
      messageBody: 'Здравствуйте, где мой заказ?',
    }
    const started = await ok(sdk(token, 'POST', `chats/${chatId}/sessions`, start), 201)
    expectSdkParses(startChatSession, started)
    const sessionId = started.id as string
    const continued = await ok(sdk(token, 'PUT', `chats/${chatId}/sessions`, { ...start, messageBody: 'Номер 1234' }))
    expectSdkParses(startChatSession, continued)
    expect(continued.id).toBe(sessionId)

    // getSessionList with the SDK's filters and common query fields (booleans as 1/0, as PHP sends them).
    const list = await ok(
      sdk(token, 'GET', 'sessions', {
        limit: 20,
        page: 1,
        sort: '-lastMessageCreatedAt',
        status: 'open',
        chatId,
        markedAsSpam: false,
        clientBanned: false,
        keyword: 'Сидорова',
        timezone: 180,
        language: 'ru',
        groupByClientId: false,
        operatorType: 'operator',
      }),
    )
    expectSdkParses(sessionCollection, list)
    expect(list.items.map((s) => s.id)).toEqual([sessionId])
    const details = await ok(sdk(token, 'GET', `sessions/${sessionId}`))
    expectSdkParses(sessionInfo, details)
    expectSdkParses(lastMessage, details.lastMessage)
    expect(details).toMatchObject({
      chatId,
      channel: 'widget',
      messengerType: 'web',
      markedAsSpam: false,
      timerFirstAnswer: 60,
    })

    // Messages: list, a client's message with an attachment replying to the first, the operator's, mark read.
    const thread = await ok(
      sdk(token, 'GET', `sessions/${sessionId}/messages`, { limit: 50, from: '2020-01-01T00:00:00Z' }),
    )
    expectSdkParses(messageCollection, thread)
    const first = thread.items[0]!.id as string
    const fromClient = await ok(
      sdk(token, 'POST', `sessions/${sessionId}/clients/messages`, {
        body: 'Вот чек',
        replyToMessageId: first,
        attachments: [
          { name: 'чек.pdf', contentType: 'application/pdf', size: 20480, url: 'https://files.example.ru/check.pdf' },
        ],
      }),
      201,
    )
    expectSdkParses(createdMessage, fromClient)
    // createOperatorChatMessage posts to the clients' route as well (as the SDK does); our operator route takes the same body.
    expectSdkParses(
      createdMessage,
      await ok(sdk(token, 'POST', `sessions/${sessionId}/operators/messages`, { body: 'Проверяю' }), 201),
    )
    await ok(sdk(token, 'PATCH', `messages/${fromClient.id}/read`), 204)
    const after = await ok(sdk(token, 'GET', `sessions/${sessionId}/messages`, { limit: 50 }))
    expectSdkParses(messageCollection, after)
    expect(after.items.find((m) => m.id === fromClient.id)).toMatchObject({
      replyTo: { id: first },
      attachments: [{ name: 'чек.pdf', url: 'https://files.example.ru/check.pdf' }],
    })
    // getClientMessageList by the external ID the channel knows the client by.
    expectSdkParses(
      messageCollection,
      await ok(
        sdk(token, 'GET', `clients/${externalId}/messages`, {
          from: '2020-01-01T00:00:00Z',
          to: '2100-01-01T00:00:00Z',
        }),
      ),
    )

    // Operators: switch, add a second one and take them off, a group.
    await ok(sdk(token, 'PATCH', `sessions/${sessionId}/operators/${c.operator.id}`))
    await ok(sdk(token, 'PUT', `sessions/${sessionId}/operators/${c.supervisor.id}`))
    await ok(sdk(token, 'DELETE', `sessions/${sessionId}/operators/${c.supervisor.id}`))
    const group = await ok(
      sdk(token, 'POST', 'operator-groups', { name: `Продажи ${externalId}`, memberIds: [c.supervisor.id] }),
      201,
    )
    await markSeen(t.db, c.supervisor.id, true) // the supervisor has the panel open
    const grouped = await ok(sdk(token, 'PATCH', `sessions/${sessionId}/groupoperators/${group.id}`))
    expect(grouped.operatorId).toBe(c.supervisor.id)

    // Rename, spam and back, close with a result.
    await ok(sdk(token, 'PATCH', `sessions/${sessionId}/names/${encodeURIComponent('Заказ 1234')}`))
    await ok(sdk(token, 'PATCH', `sessions/${sessionId}/spam`))
    await ok(sdk(token, 'PATCH', `sessions/${sessionId}/notSpam`))
    const closed = await ok(sdk(token, 'DELETE', `sessions/${sessionId}`, { result: 'Решено' }))
    expectSdkParses(sessionInfo, closed)
    expect(closed).toMatchObject({ name: 'Заказ 1234', status: 'closed', markedAsSpam: false })

    // An expired token: exactly "Token is expired.", on which the SDK refreshes with its body and the old token bare.
    const expired = await new SignJWT({ companyId: c.company.id, role: 'admin', typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.admin.id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_SECRET))
    expect((await sdk(expired, 'GET', 'sessions')).body).toEqual({ error: 'Token is expired.', details: null })
    const refreshed = await ok(
      sdk(null, 'POST', 'auth/refresh', { refreshToken: login.refreshToken, ttl: 3600 }, { Authorization: expired }),
    )
    expectSdkParses(authenticationTokenData, refreshed)
    expectSdkParses(
      sessionCollection,
      await ok(sdk(refreshed.token as string, 'GET', 'sessions', { status: 'closed', limit: 5 })),
    )

    await ok(sdk(token, 'DELETE', `chats/${chatId}`))
  })
})
