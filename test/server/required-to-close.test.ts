import { describe, expect, it } from 'vitest'
import { CLIENT_HEADER, type Attribute } from '@shared/attributes'
import type { Session } from '@shared/sessions'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

/** A close from the panel, where the rule holds; `closeByApi` is an integration's, which it does not stop. */
const close = (who: TestCompany['admin'], sessionId: string, body?: unknown) =>
  t.app.inject({
    method: 'DELETE',
    url: `/api/v1/sessions/${sessionId}`,
    headers: { ...who.auth, [CLIENT_HEADER]: 'panel' },
    ...(body !== undefined && { payload: body as object }),
  })
const closeByApi = (who: TestCompany['admin'], sessionId: string, body?: unknown) =>
  call(t, who, 'DELETE', `/sessions/${sessionId}`, body)
const required = (c: TestCompany, name: string, extra: Record<string, unknown> = {}) =>
  call(t, c.admin, 'POST', '/clients/attributes', { name, requiredToClose: true, ...extra }).then((r) => {
    expect(r.statusCode, r.body).toBe(201)
    return r.json() as Attribute
  })
const messagesOf = async (sessionId: string, c: TestCompany) =>
  (
    (await call(t, c.operator, 'GET', `/sessions/${sessionId}/messages?limit=100`)).json() as {
      items: { body: string }[]
    }
  ).items.map((m) => m.body)

describe('parameters required to close a dialogue', () => {
  it('refuses to close while one is empty, naming it, and closes once it is filled', async () => {
    const c = await makeCompany(t)
    const result = await required(c, 'Результат обращения', { type: 'select', options: ['Решено', 'Не решено'] })
    await cards(t, c).attribute({ name: 'Город' })
    const dialogue = await startDialogue(t, c.admin, { externalId: 'tg-1' })
    // Asked beforehand, the same answer a close would give, and nothing closes.
    const ahead = await call(t, c.operator, 'GET', `/sessions/${dialogue.id}/required`)
    expect(ahead.json()).toEqual({
      items: [expect.objectContaining({ attributeId: result.id, name: 'Результат обращения' })],
    })
    expectError(await call(t, (await makeCompany(t)).operator, 'GET', `/sessions/${dialogue.id}/required`), 404)
    const refused = await close(c.operator, dialogue.id)
    expectError(refused, 409)
    expect((refused.json() as { details: unknown }).details).toEqual([
      expect.objectContaining({ attributeId: result.id, name: 'Результат обращения', path: `attributes.${result.id}` }),
    ])
    expect(((await call(t, c.operator, 'GET', `/sessions/${dialogue.id}`)).json() as Session).status).toBe('open')

    await cards(t, c).set(dialogue.clientId, result.id, 'Решено')
    expect((await call(t, c.operator, 'GET', `/sessions/${dialogue.id}/required`)).json()).toEqual({ items: [] })
    const closed = await close(c.operator, dialogue.id)
    expect(closed.statusCode, closed.body).toBe(200)
    expect((closed.json() as Session).status).toBe('closed')
  })

  it('asks only in the chosen channels, and stops asking once the parameter is archived', async () => {
    const c = await makeCompany(t)
    const chat = (await call(t, c.admin, 'POST', '/chats', { name: 'Сайт' })).json() as { id: string }
    const other = (await call(t, c.admin, 'POST', '/chats', { name: 'Telegram' })).json() as { id: string }
    const city = await required(c, 'Город', { requiredChatIds: [chat.id] })
    expect(city.requiredChatIds).toEqual([chat.id])
    const start = async (chatId: string, externalId: string) =>
      (
        (
          await call(t, c.admin, 'POST', `/chats/${chatId}/sessions`, {
            clientExternalId: externalId,
            messageBody: 'Здравствуйте',
          })
        ).json() as { id: string }
      ).id
    const onSite = await start(chat.id, 'site-1')
    const onTelegram = await start(other.id, 'tg-2')
    expect((await close(c.operator, onTelegram)).statusCode).toBe(200)
    expectError(await close(c.operator, onSite), 409)
    // Archived while the dialogue is open: no longer required.
    await call(t, c.admin, 'PATCH', `/clients/attributes/${city.id}`, { archived: true })
    expect((await close(c.operator, onSite)).statusCode).toBe(200)
  })

  it('lets a supervisor close anyway, which the dialogue and the log record; an operator may not', async () => {
    const c = await makeCompany(t)
    await required(c, 'Результат обращения')
    const dialogue = await startDialogue(t, c.admin, { externalId: 'tg-3' })
    expectError(await close(c.operator, dialogue.id, { force: true }), 403)
    const forced = await close(c.supervisor, dialogue.id, { force: true, result: 'клиент пропал' })
    expect(forced.statusCode, forced.body).toBe(200)
    expect(await messagesOf(dialogue.id, c)).toContain(
      `${c.supervisor.name} закрыл диалог без обязательных параметров («Результат обращения»): клиент пропал`,
    )
    const log = (await call(t, c.admin, 'GET', '/audit?action=session.force-closed')).json() as { count: number }
    expect(log.count).toBe(1)
  })

  it('lets a close through the API go through all the same, with a line naming what was missing and an entry in the log', async () => {
    const c = await makeCompany(t)
    await required(c, 'Результат обращения')
    const dialogue = await startDialogue(t, c.admin, { externalId: 'tg-api' })
    const closed = await closeByApi(c.operator, dialogue.id, { result: 'решено в CRM' })
    expect(closed.statusCode, closed.body).toBe(200)
    expect((closed.json() as Session).status).toBe('closed')
    expect(await messagesOf(dialogue.id, c)).toContain(
      `${c.operator.name} закрыл диалог через API без обязательных параметров («Результат обращения»): решено в CRM`,
    )
    const log = (await call(t, c.admin, 'GET', '/audit?action=session.force-closed')).json() as {
      items: { summary: string }[]
    }
    expect(log.items.map((e) => e.summary)).toEqual([
      `Диалог ${dialogue.id} закрыт через API без обязательных параметров («Результат обращения»)`,
    ])
  })

  it("refuses another company's chat, and a fill racing the close loses nothing", async () => {
    const c = await makeCompany(t)
    const foreign = (await call(t, (await makeCompany(t)).admin, 'POST', '/chats', { name: 'Чужой' })).json() as {
      id: string
    }
    expectBadInput(
      await call(t, c.admin, 'POST', '/clients/attributes', { name: 'Город', requiredChatIds: [foreign.id] }),
      'body.requiredChatIds.0',
    )
    const note = await required(c, 'Итог')
    for (let round = 0; round < 3; round++) {
      const dialogue = await startDialogue(t, c.admin, { externalId: `race-${round}` })
      const [closed, filled] = await Promise.all([
        close(c.operator, dialogue.id),
        cards(t, c).set(dialogue.clientId, note.id, 'готово'),
      ])
      expect(filled).toBeTruthy()
      // Either the close saw the value and closed, or it did not and said so: a second close then succeeds.
      if (closed.statusCode === 409) expect((await close(c.operator, dialogue.id)).statusCode).toBe(200)
      else expect(closed.statusCode, closed.body).toBe(200)
    }
  })
})
