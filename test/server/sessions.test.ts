import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Message } from '@shared/messages'
import type { Session } from '@shared/sessions'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, expectError, serverTick, startDialogue } from '../support/api'

useTestApp()

const ext = () => `ext-${randomUUID()}`
const thread = async (who: { auth: Record<string, string> }, sessionId: string) =>
  (await call(t, who, 'GET', `/sessions/${sessionId}/messages`)).json().items as Message[]

describe('starting dialogues', () => {
  it('starts a dialogue with a new client and the first message', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(
      t,
      operator,
      { externalId: 'tg-1', name: 'Смирнова Ольга', phone: '+79110001122' },
      'Где мой заказ?',
    )
    expect(session).toMatchObject({
      status: 'open',
      channel: 'web',
      operatorId: null,
      closedAt: null,
      lastMessage: expect.objectContaining({ body: 'Где мой заказ?' }),
      unreadClientMessageCount: 1,
      client: { externalId: 'tg-1', name: 'Смирнова Ольга', phone: '+79110001122' },
    })
    const [first] = await thread(operator, session.id)
    expect(first).toMatchObject({
      authorType: 'client',
      authorName: 'Смирнова Ольга',
      body: 'Где мой заказ?',
      readAt: null,
    })
    expect((await call(t, operator, 'GET', `/sessions/${session.id}`)).json()).toEqual(session)
  })

  it('matches a returning client by externalId instead of creating a duplicate, keeping the saved card', async () => {
    const { operator } = await makeCompany(t)
    const first = await startDialogue(t, operator, {
      externalId: 'wa-42',
      name: 'Козлов Роман',
      email: 'roman@example.ru',
    })
    await call(t, operator, 'PATCH', `/clients/${first.clientId}`, {
      phone: '+7 999 123-45-67',
      metadata: { vip: true },
    })
    await call(t, operator, 'DELETE', `/sessions/${first.id}`)

    const again = await startDialogue(t, operator, { externalId: 'wa-42' }, 'Снова я')
    expect(again.id).not.toBe(first.id)
    expect(again.clientId).toBe(first.clientId)
    const client = (await call(t, operator, 'GET', `/clients/${first.clientId}`)).json()
    expect(client).toMatchObject({
      name: 'Козлов Роман',
      email: 'roman@example.ru',
      phone: '+79991234567',
      metadata: { vip: true },
    })

    // What the channel sends again does not overwrite the card; it only fills what is missing.
    await call(t, operator, 'PATCH', `/clients/${first.clientId}`, { email: null })
    await call(t, operator, 'DELETE', `/sessions/${again.id}`)
    const third = await startDialogue(t, operator, { externalId: 'wa-42', name: 'Рома', email: 'new@example.ru' })
    expect(third.client).toMatchObject({ name: 'Козлов Роман', email: 'new@example.ru', phone: '+79991234567' })
    expect((await call(t, operator, 'GET', '/clients?keyword=wa-42')).json().count).toBe(1)
  })

  it("puts a returning client's message into their open dialogue instead of opening a second one", async () => {
    const { operator } = await makeCompany(t)
    const first = await startDialogue(t, operator, { externalId: 'vk-7', name: 'Лена' }, 'Первый вопрос')
    const res = await call(t, operator, 'POST', '/sessions', { client: { externalId: 'vk-7' }, message: 'И ещё одно' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      id: first.id,
      unreadClientMessageCount: 2,
      lastMessage: expect.objectContaining({ body: 'И ещё одно' }),
    })
    expect((await call(t, operator, 'GET', '/sessions?status=open')).json().count).toBe(1)
  })
})

describe('the dialogue list', () => {
  it('shows open dialogues first, then by newest activity', async () => {
    const { operator } = await makeCompany(t)
    const old = await startDialogue(t, operator, { externalId: ext() })
    await serverTick(t)
    const closed = await startDialogue(t, operator, { externalId: ext() })
    await serverTick(t)
    const recent = await startDialogue(t, operator, { externalId: ext() })
    await serverTick(t)
    await call(t, operator, 'DELETE', `/sessions/${closed.id}`)
    await serverTick(t)
    // New activity in the oldest dialogue moves it to the top.
    await call(t, operator, 'POST', `/sessions/${old.id}/clients/messages`, { body: 'Есть новости?' })

    const list = (await call(t, operator, 'GET', '/sessions')).json()
    expect(list.count).toBe(3)
    expect(list.items.map((s: Session) => s.id)).toEqual([old.id, recent.id, closed.id])
    expect(list.items[0]).toMatchObject({
      lastMessage: expect.objectContaining({ body: 'Есть новости?' }),
      unreadClientMessageCount: 2,
    })
  })

  it('filters by status, operator and a keyword from the client or the messages', async () => {
    const { operator, supervisor } = await makeCompany(t)
    const mine = await startDialogue(
      t,
      operator,
      { externalId: ext(), name: 'Лебедева Вера', phone: '+7 921 444-55-66' },
      'Хочу оформить рассрочку',
    )
    const theirs = await startDialogue(
      t,
      operator,
      { externalId: ext(), name: 'Егоров Павел', email: 'pavel@mail.ru' },
      'Не приходит посылка',
    )
    const closed = await startDialogue(t, operator, { externalId: ext(), name: 'Волков Олег' }, 'Спасибо')
    await call(t, operator, 'POST', `/sessions/${mine.id}/operators/messages`, { body: 'Сейчас помогу с рассрочкой' })
    await call(t, operator, 'PATCH', `/sessions/${theirs.id}/operators/${supervisor.id}`)
    await call(t, operator, 'DELETE', `/sessions/${closed.id}`)

    const ids = async (query: string) =>
      ((await call(t, operator, 'GET', `/sessions?${query}`)).json().items as Session[]).map((s) => s.id).sort()
    expect(await ids('status=open')).toEqual([mine.id, theirs.id].sort())
    expect(await ids('status=closed')).toEqual([closed.id])
    expect(await ids(`operatorId=${operator.id}`)).toEqual([mine.id])
    expect(await ids(`operatorId=${supervisor.id}&status=open`)).toEqual([theirs.id])
    expect(await ids(`keyword=${encodeURIComponent('лебедева')}`)).toEqual([mine.id])
    expect(await ids(`keyword=${encodeURIComponent('444-55')}`)).toEqual([mine.id])
    expect(await ids(`keyword=${encodeURIComponent('PAVEL@')}`)).toEqual([theirs.id])
    expect(await ids(`keyword=${encodeURIComponent('не приходит посылка')}`)).toEqual([theirs.id])
    // a phrase of the operator's reply finds the dialogue too
    expect(await ids(`keyword=${encodeURIComponent('помогу с рассрочкой')}`)).toEqual([mine.id])
    expect(await ids(`keyword=${encodeURIComponent('рассрочк')}&status=closed`)).toEqual([])
    const counted = (await call(t, operator, 'GET', `/sessions?keyword=${encodeURIComponent('рассрочк')}`)).json()
    expect(counted.count).toBe(1)
  })
})

describe('working a dialogue', () => {
  it('closes a dialogue with a system message; closing again changes nothing', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext() })
    const res = await call(t, operator, 'DELETE', `/sessions/${session.id}`)
    expect(res.statusCode).toBe(200)
    // The preview keeps what was last said; the system line is in the thread.
    expect(res.json()).toMatchObject({ status: 'closed', lastMessage: session.lastMessage })
    expect(res.json().closedAt).not.toBeNull()
    expect((await thread(operator, session.id)).at(-1)).toMatchObject({ authorType: 'system', body: 'Диалог закрыт' })

    const again = await call(t, operator, 'DELETE', `/sessions/${session.id}`)
    expect(again.json().closedAt).toBe(res.json().closedAt)
    expect(await thread(operator, session.id)).toHaveLength(2)
  })

  it('transfers a dialogue to another operator of the company with a system message', async () => {
    const { operator, supervisor } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext() })
    const res = await call(t, operator, 'PATCH', `/sessions/${session.id}/operators/${supervisor.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ operatorId: supervisor.id, operatorName: supervisor.name })
    expect((await thread(operator, session.id)).at(-1)).toMatchObject({
      authorType: 'system',
      body: `Диалог передан оператору ${supervisor.name}`,
    })
  })

  it("refuses to transfer to another company's user (404) and leaves the dialogue as it was", async () => {
    const a = await makeCompany(t)
    const b = await makeCompany(t)
    const session = await startDialogue(t, a.operator, { externalId: ext() })
    expectError(await call(t, a.operator, 'PATCH', `/sessions/${session.id}/operators/${b.operator.id}`), 404)
    expectError(await call(t, a.operator, 'PATCH', `/sessions/${session.id}/operators/${randomUUID()}`), 404)
    expect((await call(t, a.operator, 'GET', `/sessions/${session.id}`)).json().operatorId).toBeNull()
    expect(await thread(a.operator, session.id)).toHaveLength(1)
  })

  it('posts an operator reply, which assigns an unassigned dialogue to the operator', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext() })
    const res = await call(t, operator, 'POST', `/sessions/${session.id}/operators/messages`, {
      body: '  Добрый день! Чем помочь?  ',
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      sessionId: session.id,
      authorType: 'operator',
      authorId: operator.id,
      authorName: operator.name,
      body: 'Добрый день! Чем помочь?',
    })
    expect((await call(t, operator, 'GET', `/sessions/${session.id}`)).json()).toMatchObject({
      operatorId: operator.id,
      lastMessage: expect.objectContaining({ body: 'Добрый день! Чем помочь?' }),
    })
  })

  it('signs later client messages with the client name, like the first one', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext(), name: 'Новикова Дарья' })
    const res = await call(t, operator, 'POST', `/sessions/${session.id}/clients/messages`, { body: 'Вы тут?' })
    expect(res.json()).toMatchObject({ authorType: 'client', authorId: null, authorName: 'Новикова Дарья' })
  })

  it('reopens a closed dialogue when the client writes again', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext() })
    await call(t, operator, 'POST', `/sessions/${session.id}/read`)
    await call(t, operator, 'DELETE', `/sessions/${session.id}`)
    const res = await call(t, operator, 'POST', `/sessions/${session.id}/clients/messages`, {
      body: 'У меня ещё вопрос',
    })
    expect(res.statusCode).toBe(201)
    expect((await call(t, operator, 'GET', `/sessions/${session.id}`)).json()).toMatchObject({
      status: 'open',
      closedAt: null,
      lastMessage: expect.objectContaining({ body: 'У меня ещё вопрос' }),
      unreadClientMessageCount: 1,
    })
  })

  it('refuses an operator reply into a closed dialogue with 409', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext() })
    await call(t, operator, 'DELETE', `/sessions/${session.id}`)
    expectError(await call(t, operator, 'POST', `/sessions/${session.id}/operators/messages`, { body: 'Ответ' }), 409)
    expect(await thread(operator, session.id)).toHaveLength(2)
  })

  it('marks client messages read and sets the unread count to 0', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext() })
    await call(t, operator, 'POST', `/sessions/${session.id}/clients/messages`, { body: 'Алло' })
    expect((await call(t, operator, 'GET', `/sessions/${session.id}`)).json().unreadClientMessageCount).toBe(2)

    const res = await call(t, operator, 'POST', `/sessions/${session.id}/read`)
    expect(res.statusCode).toBe(204)
    expect((await call(t, operator, 'GET', `/sessions/${session.id}`)).json().unreadClientMessageCount).toBe(0)
    expect((await thread(operator, session.id)).every((m) => m.readAt !== null)).toBe(true)
  })
})

describe('messages of a dialogue', () => {
  it('returns the newest `limit` messages oldest first, and older pages by offset', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext() }, 'm1')
    for (let i = 2; i <= 7; i++) {
      const res = await call(t, operator, 'POST', `/sessions/${session.id}/clients/messages`, { body: `m${i}` })
      expect(res.statusCode).toBe(201)
    }
    const page = async (query: string) => {
      const body = (await call(t, operator, 'GET', `/sessions/${session.id}/messages?${query}`)).json()
      return { count: body.count, bodies: (body.items as Message[]).map((m) => m.body) }
    }
    expect(await page('')).toEqual({ count: 7, bodies: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'] })
    expect(await page('limit=3')).toEqual({ count: 7, bodies: ['m5', 'm6', 'm7'] })
    expect(await page('limit=3&offset=3')).toEqual({ count: 7, bodies: ['m2', 'm3', 'm4'] })
    expect(await page('limit=3&offset=6')).toEqual({ count: 7, bodies: ['m1'] })
    expect(await page('limit=3&offset=7')).toEqual({ count: 7, bodies: [] })
  })

  it('keeps messages in the order they were sent, however fast they come', async () => {
    const { operator } = await makeCompany(t)
    const session = await startDialogue(t, operator, { externalId: ext() }, '0')
    const sent = ['0']
    for (let i = 1; i < 40; i++) {
      await call(t, operator, 'POST', `/sessions/${session.id}/clients/messages`, { body: String(i) })
      sent.push(String(i))
    }
    expect((await thread(operator, session.id)).map((m) => m.body)).toEqual(sent)
  })

  it('stores script tags in messages as text and returns them unchanged', async () => {
    const { operator } = await makeCompany(t)
    const body = '<script>document.location="https://evil.example"</script><img src=x onerror=alert(1)>'
    const session = await startDialogue(t, operator, { externalId: ext(), name: '<b>Жирный</b>' }, body)
    await call(t, operator, 'POST', `/sessions/${session.id}/operators/messages`, { body: '<i>ответ</i>' })
    expect((await thread(operator, session.id)).map((m) => m.body)).toEqual([body, '<i>ответ</i>'])
    expect((await call(t, operator, 'GET', `/sessions/${session.id}`)).json().client.name).toBe('<b>Жирный</b>')
  })
})

describe('operators', () => {
  it("lists the company's users, and only them", async () => {
    const a = await makeCompany(t)
    await makeCompany(t)
    const res = await call(t, a.operator, 'GET', '/operators')
    expect(res.statusCode).toBe(200)
    const { count, items } = res.json()
    expect(count).toBe(3)
    expect(items.map((u: { id: string }) => u.id).sort()).toEqual([a.admin.id, a.supervisor.id, a.operator.id].sort())
    expect(items[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      email: expect.any(String),
      role: expect.any(String),
      status: 'away',
    })
  })
})
