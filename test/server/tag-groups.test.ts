import { describe, expect, it } from 'vitest'
import { CLIENT_HEADER } from '@shared/attributes'
import type { ClientHistoryItem } from '@shared/client-history'
import type { Tag, TagGroup } from '@shared/tags'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const group = async (c: TestCompany, kind: 'clients' | 'sessions', body: Record<string, unknown>) => {
  const res = await call(t, c.admin, 'POST', `/${kind}/tag-groups`, body)
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as TagGroup
}
const tag = async (c: TestCompany, kind: 'clients' | 'sessions', name: string, groupId: string) =>
  (await call(t, c.admin, 'POST', `/${kind}/tags`, { tag: name, groupId })).json() as Tag

describe('tag groups', () => {
  it('keeps one tag of a single-choice group: adding another takes the first off in the same step of the history', async () => {
    const c = await makeCompany(t)
    const level = await group(c, 'clients', { name: 'Уровень' })
    const [silver, gold] = [await tag(c, 'clients', 'Серебро', level.id), await tag(c, 'clients', 'Золото', level.id)]
    expect(gold.groupId).toBe(level.id)
    const client = await cards(t, c).client({ name: 'Анна' })
    await cards(t, c).addTag(client.id, silver.id)
    const res = await call(t, c.operator, 'PUT', `/clients/${client.id}/tags/${gold.id}`)
    expect((res.json() as { items: Tag[] }).items.map((x) => x.name)).toEqual(['Золото'])
    const history = (
      (await call(t, c.supervisor, 'GET', `/clients/${client.id}/history`)).json() as { items: ClientHistoryItem[] }
    ).items
    const [added, removed] = [
      history.find((h) => h.newValue === 'Золото')!,
      history.find((h) => h.oldValue === 'Серебро')!,
    ]
    expect(added.changedAt).toBe(removed.changedAt)

    // Several at once where the group allows it.
    await call(t, c.admin, 'PATCH', `/clients/tag-groups/${level.id}`, { single: false })
    await cards(t, c).addTag(client.id, silver.id)
    expect(
      ((await call(t, c.operator, 'GET', `/clients/${client.id}/tags`)).json() as { items: Tag[] }).items,
    ).toHaveLength(2)
  })

  it('requires a tag of a session group before closing, and in a dialogue the group swaps its tags with a line saying so', async () => {
    const c = await makeCompany(t)
    const pay = await group(c, 'sessions', { name: 'Оплата', requiredToClose: true })
    const [pre, credit] = [await tag(c, 'sessions', 'предоплата', pay.id), await tag(c, 'sessions', 'кредит', pay.id)]
    const dialogue = await startDialogue(t, c.admin, { externalId: 'tg-pay' })
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${dialogue.id}`,
      headers: { ...c.operator.auth, [CLIENT_HEADER]: 'panel' },
    })
    expectError(refused, 409)
    expect((refused.json() as { details: unknown }).details).toEqual([
      expect.objectContaining({ tagGroupId: pay.id, name: 'Оплата' }),
    ])
    await call(t, c.operator, 'PUT', `/sessions/${dialogue.id}/tags/${pre.id}`)
    await call(t, c.operator, 'PUT', `/sessions/${dialogue.id}/tags/${credit.id}`)
    const lines = (
      (await call(t, c.operator, 'GET', `/sessions/${dialogue.id}/messages`)).json() as { items: { body: string }[] }
    ).items.map((m) => m.body)
    expect(lines.at(-1)).toBe(`${c.operator.name} добавил тег «кредит» вместо «предоплата»`)
    expect((await call(t, c.operator, 'DELETE', `/sessions/${dialogue.id}`)).statusCode).toBe(200)
  })

  it('refuses a required client group, a group of the other catalog or another company, and a duplicate name', async () => {
    const c = await makeCompany(t)
    expectBadInput(
      await call(t, c.admin, 'POST', '/clients/tag-groups', { name: 'Статус', requiredToClose: true }),
      'body.requiredToClose',
    )
    const sessionGroup = await group(c, 'sessions', { name: 'Оплата' })
    expectBadInput(
      await call(t, c.admin, 'POST', '/clients/tags', { tag: 'ВИП', groupId: sessionGroup.id }),
      'body.groupId',
    )
    const stranger = await makeCompany(t)
    expectBadInput(
      await call(t, stranger.admin, 'POST', '/sessions/tags', { tag: 'кредит', groupId: sessionGroup.id }),
      'body.groupId',
    )
    expectError(await call(t, c.admin, 'POST', '/sessions/tag-groups', { name: 'оплата' }), 409)
    expectError(await call(t, c.operator, 'POST', '/sessions/tag-groups', { name: 'Итог' }), 403)
    expect((await call(t, c.admin, 'DELETE', `/sessions/tag-groups/${sessionGroup.id}`)).statusCode).toBe(204)
    expect((await call(t, c.operator, 'GET', '/sessions/tag-groups')).json()).toEqual({ items: [] })
  })
})
