import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { attributeHistory, clientReviews, reviewPending } from '../../src/server/db/schema'
import type { PendingReview } from '@shared/reviews'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, type Caller, expectError, serverTick } from '../support/api'
import { cards } from '../support/cards'

useTestApp({ listen: true })

async function pending(who: Caller, query = '') {
  const res = await call(t, who, 'GET', `/reviews/pending${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { count: number | null; items: PendingReview[] }
}
const review = (who: Caller, clientId: string) => call(t, who, 'POST', `/clients/${clientId}/reviews`)
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)

describe('review queue', () => {
  it('is for supervisors and admins: operators get 403', async () => {
    const c = await makeCompany(t)
    const client = await cards(t, c).client({ name: 'Кто угодно' })
    expectError(await call(t, c.operator, 'GET', '/reviews/pending'), 403)
    expectError(await review(c.operator, client.id), 403)
    expect((await call(t, c.admin, 'GET', '/reviews/pending')).statusCode).toBe(200)
  })

  it('lists cards changed since the caller last reviewed them, with the changes in between', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const vip = await b.tag('ВИП')
    const first = await b.client({ name: 'Первый' })
    const second = await b.client({ name: 'Второй' })
    await b.client({ name: 'Без изменений' })
    await b.set(first.id, city.id, 'Казань')
    await b.addTag(second.id, vip.id)
    await b.set(first.id, city.id, 'Самара')

    const queue = await pending(c.supervisor)
    expect(queue.count).toBe(2)
    // Oldest pending first.
    expect(queue.items.map((i) => i.client.name)).toEqual(['Первый', 'Второй'])
    const [one, two] = queue.items
    expect(one).toMatchObject({ reviewedAt: null, changeCount: 2 })
    expect(one!.changes.map((h) => [h.oldValue, h.newValue, h.changedBy?.id])).toEqual([
      ['Казань', 'Самара', c.operator.id],
      [null, 'Казань', c.operator.id],
    ])
    expect(one!.pendingSince).toBe(one!.changes[1]!.changedAt)
    expect(one!.lastChangedAt).toBe(one!.changes[0]!.changedAt)
    expect(two!.changes.map((h) => [h.kind, h.action, h.tag?.name])).toEqual([['tag', 'added', 'ВИП']])
    expect(two!.client.tags.map((tag) => tag.name)).toEqual(['ВИП'])

    const marked = await review(c.supervisor, first.id)
    expect(marked.statusCode, marked.body).toBe(200)
    expect(marked.json()).toMatchObject({
      clientId: first.id,
      reviewedBy: { id: c.supervisor.id, name: c.supervisor.name },
    })
    expect((await pending(c.supervisor)).items.map((i) => i.client.name)).toEqual(['Второй'])
    // Each reviewer has their own queue.
    expect((await pending(c.admin)).count).toBe(2)

    await serverTick(t)
    await b.set(first.id, city.id, 'Уфа')
    const again = (await pending(c.supervisor)).items.find((i) => i.client.id === first.id)!
    expect(again.reviewedAt).toBe(marked.json().reviewedAt)
    expect(again.changes.map((h) => h.newValue)).toEqual(['Уфа'])
    expect(again.changeCount).toBe(1)
  })

  it("leaves the reviewer's own changes out of their queue, not out of anyone else's", async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const client = await b.client({ name: 'Исправленный' })
    const fix = await call(t, c.supervisor, 'POST', `/clients/${client.id}/attributes/${city.id}`, { value: 'Тверь' })
    expect(fix.statusCode, fix.body).toBe(200)
    expect((await pending(c.supervisor)).count).toBe(0)
    expect((await pending(c.admin)).items.map((i) => i.client.name)).toEqual(['Исправленный'])
  })

  it("counts the caller's queue without the cards: the same number as the list, operators get 403", async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const note = await b.attribute({ name: 'Заметка' })
    const count = async (who: Caller) => {
      const res = await call(t, who, 'GET', '/reviews/pending/count')
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as unknown
    }
    expect(await count(c.supervisor)).toEqual({ count: 0 })
    const [first, second] = await Promise.all(['А', 'Б'].map((name) => b.client({ name })))
    await b.set(first!.id, note.id, 'раз')
    await b.set(second!.id, note.id, 'два')
    await b.set(second!.id, note.id, 'три')
    expect(await count(c.supervisor)).toEqual({ count: 2 })
    expect((await pending(c.supervisor)).count).toBe(2)

    expect((await review(c.supervisor, first!.id)).statusCode).toBe(200)
    expect(await count(c.supervisor)).toEqual({ count: 1 })
    // Each reviewer's own queue.
    expect(await count(c.admin)).toEqual({ count: 2 })
    expectError(await call(t, c.operator, 'GET', '/reviews/pending/count'), 403)
  })

  it('pages the queue', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const note = await b.attribute({ name: 'Заметка' })
    for (const name of ['А', 'Б', 'В']) await b.set((await b.client({ name })).id, note.id, name)
    const page = await pending(c.supervisor, '?limit=1&offset=1')
    expect(page.count).toBe(3)
    expect(page.items.map((i) => i.client.name)).toEqual(['Б'])
    expect((await pending(c.supervisor, '?withoutCount=true')).count).toBe(-1)
  })

  it('gives a new reviewer the last 30 days and everything after their earlier reviews; demotion empties the queue', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const note = await b.attribute({ name: 'Заметка' })
    const [recent, stale, reviewed] = await Promise.all(
      ['Недавно менялся', 'Давно менялся', 'Проверен давно'].map((name) => b.client({ name })),
    )
    const old = {
      companyId: c.company.id,
      attributeId: note.id,
      newValue: 'x',
      changedBy: c.admin.id,
      source: 'api' as const,
    }
    await t.db.insert(attributeHistory).values([
      { ...old, clientId: recent!.id, changedAt: daysAgo(3) },
      { ...old, clientId: stale!.id, changedAt: daysAgo(40) },
      { ...old, clientId: reviewed!.id, changedAt: daysAgo(45) },
    ])
    await t.db
      .insert(clientReviews)
      .values({ companyId: c.company.id, clientId: reviewed!.id, userId: c.operator.id, reviewedAt: daysAgo(60) })
    // Those who were reviewers when the changes were written see them all.
    expect((await pending(c.supervisor)).count).toBe(3)

    const setRole = (role: string) => call(t, c.admin, 'PATCH', `/users/${c.operator.id}`, { role })
    expect((await setRole('supervisor')).statusCode).toBe(200)
    expect((await pending(c.operator)).items.map((i) => i.client.name)).toEqual(['Проверен давно', 'Недавно менялся'])

    expect((await setRole('operator')).statusCode).toBe(200)
    expect(await t.db.$count(reviewPending, eq(reviewPending.userId, c.operator.id))).toBe(0)
  })

  it("answers 404 for another company's client and tells other panels about a review", async () => {
    const c = await makeCompany(t)
    const other = await makeCompany(t)
    const stranger = await cards(t, other).client({ name: 'Чужой' })
    expectError(await review(c.supervisor, stranger.id), 404)
    expectError(await review(c.supervisor, crypto.randomUUID()), 404)

    const client = await cards(t, c).client({ name: 'Свой' })
    const abort = new AbortController()
    const stream = await fetch(`${t.url}/api/v1/events`, { headers: c.admin.auth, signal: abort.signal })
    const reader = stream.body!.getReader()
    // The stream's first lines arrive once the panel is subscribed.
    await reader.read()
    expect((await review(c.supervisor, client.id)).statusCode).toBe(200)
    let text = ''
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += new TextDecoder().decode(chunk.value)
      if (text.includes(client.id)) break
    }
    abort.abort()
    expect(text).toContain('"type":"client.updated"')
  })
})
