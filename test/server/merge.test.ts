import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Client } from '@shared/clients'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

type Merged = { mergeId: string; client: Client }

/** Two cards of one person: each with a dialogue, values and a tag, the source with an external ID. */
async function twoCards(c: TestCompany) {
  const b = cards(t, c)
  const [city, hobby, note] = await Promise.all(['Город', 'Увлечение', 'Заметка'].map((name) => b.attribute({ name })))
  const [vip, often] = await Promise.all([b.tag('ВИП'), b.tag('Часто пишет')])
  const target = await b.client({ name: 'Анна Смирнова', phone: '+7 916 555-44-33' })
  const source = await b.client({
    name: 'Анна',
    phone: '8 916 555 44 34',
    email: 'anna@mail.ru',
    externalId: 'tg-anna',
  })
  await b.set(target.id, city!.id, 'Казань')
  await b.set(source.id, city!.id, 'Самара')
  await b.set(source.id, hobby!.id, 'шахматы')
  await b.addTag(target.id, vip.id)
  await b.addTag(source.id, often.id)
  const dialogue = await startDialogue(t, c.admin, { externalId: 'tg-anna' }, 'Здравствуйте')
  return { b, city: city!, hobby: hobby!, note: note!, vip, often, target, source, dialogue }
}

const merge = (c: TestCompany, targetId: string, body: unknown) =>
  call(t, c.supervisor, 'POST', `/clients/${targetId}/merge`, body)
const valuesOf = async (c: TestCompany, clientId: string) =>
  Object.fromEntries(
    (
      (await call(t, c.operator, 'GET', `/clients/${clientId}/attributes`)).json() as {
        items: { name: string; value: string | null }[]
      }
    ).items
      .filter((a) => a.value !== null)
      .map((a) => [a.name, a.value]),
  )

describe('merging duplicate clients', () => {
  it('moves dialogues, tags and history to the target, fills what it lacks, keeps its own values, and the source is gone', async () => {
    const c = await makeCompany(t)
    const s = await twoCards(c)
    const res = await merge(c, s.target.id, { sourceId: s.source.id })
    expect(res.statusCode, res.body).toBe(200)
    const { client } = res.json() as Merged
    expect(client).toMatchObject({
      id: s.target.id,
      name: 'Анна Смирнова',
      phone: '+79165554433',
      email: 'anna@mail.ru',
    })
    expect(client.tags.map((tag) => tag.name).sort()).toEqual(['ВИП', 'Часто пишет'])
    expect(await valuesOf(c, s.target.id)).toEqual({ Город: 'Казань', Увлечение: 'шахматы' })

    expectError(await call(t, c.operator, 'GET', `/clients/${s.source.id}`), 404)
    // The source's external ID still finds the merged client, and its dialogue is the target's now.
    expect((await call(t, c.operator, 'GET', '/clients/tg-anna')).json()).toMatchObject({ id: s.target.id })
    const sessions = (await call(t, c.operator, 'GET', `/clients/${s.target.id}/sessions`)).json() as {
      items: { id: string }[]
    }
    expect(sessions.items.map((x) => x.id)).toContain(s.dialogue.id)
    // A channel writing as tg-anna again reaches the merged client's open dialogue, not a new card.
    const again = await call(t, c.admin, 'POST', '/sessions', {
      client: { externalId: 'tg-anna' },
      message: 'Это снова я',
    })
    expect(again.json()).toMatchObject({ id: s.dialogue.id, clientId: s.target.id })

    // The losing value (Самара) stays in the history, which now has the source's changes and the merge's.
    const history = (await call(t, c.supervisor, 'GET', `/clients/${s.target.id}/history?limit=100`)).json() as {
      items: { newValue?: string | null; source: string }[]
    }
    expect(history.items.filter((h) => h.newValue === 'Самара')).toHaveLength(1)
    expect(
      history.items
        .filter((h) => h.source === 'merge')
        .map((h) => h.newValue)
        .sort(),
    ).toEqual(['anna@mail.ru', 'Часто пишет', 'шахматы'])
  })

  it("takes the source's value where prefer says so", async () => {
    const c = await makeCompany(t)
    const s = await twoCards(c)
    const res = await merge(c, s.target.id, { sourceId: 'tg-anna', prefer: { phone: 'source', [s.city.id]: 'source' } })
    expect(res.statusCode, res.body).toBe(200)
    expect((res.json() as Merged).client.phone).toBe('+79165554434')
    expect((await valuesOf(c, s.target.id)).Город).toBe('Самара')
  })

  it("refuses itself (400), another company's client (404), a bad prefer (400), and operators (403)", async () => {
    const c = await makeCompany(t)
    const s = await twoCards(c)
    expectBadInput(await merge(c, s.target.id, { sourceId: s.target.id }), 'body.sourceId')
    const stranger = await cards(t, await makeCompany(t)).client({ name: 'Чужой' })
    expectError(await merge(c, s.target.id, { sourceId: stranger.id }), 404)
    expectError(await call(t, c.supervisor, 'POST', `/clients/${stranger.id}/merge`, { sourceId: s.source.id }), 404)
    expectBadInput(
      await merge(c, s.target.id, { sourceId: s.source.id, prefer: { phone: 'target' } }),
      'body.prefer.phone',
    )
    expectError(await call(t, c.operator, 'POST', `/clients/${s.target.id}/merge`, { sourceId: s.source.id }), 403)
    // Nothing moved.
    expect((await call(t, c.operator, 'GET', `/clients/${s.source.id}`)).statusCode).toBe(200)
  })
})

describe("a merged card's external ID", () => {
  it('is taken: a new card or an edit cannot claim it, and a merge whose source holds it is a 409, not a 500', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const target = await b.client({ name: 'Анна', externalId: 'tg-anna-1' })
    const source = await b.client({ name: 'Анна (дубль)', externalId: 'tg-anna-2' })
    expect((await merge(c, target.id, { sourceId: source.id })).statusCode).toBe(200)

    expect(
      expectError(await call(t, c.operator, 'POST', '/clients', { name: 'Захватчик', externalId: 'tg-anna-2' }), 409)
        .details,
    ).toEqual([expect.objectContaining({ path: 'body.externalId' })])
    const third = await b.client({ name: 'Борис', externalId: 'tg-boris' })
    expectError(await call(t, c.operator, 'PATCH', `/clients/${third.id}`, { externalId: 'tg-anna-2' }), 409)
    // The merged card may take its own address back as its external ID.
    expect((await call(t, c.operator, 'PATCH', `/clients/${target.id}`, { externalId: 'tg-anna-2' })).statusCode).toBe(
      200,
    )
    expect((await call(t, c.operator, 'GET', '/clients/tg-anna-2')).json()).toMatchObject({ id: target.id })

    // A card of an earlier release holding a merged card's address: merging it in is refused with the reason.
    const other = await b.client({ name: 'Вера', externalId: 'tg-vera' })
    const gone = await b.client({ name: 'Вера 2', externalId: 'tg-vera-2' })
    expect((await merge(c, other.id, { sourceId: gone.id })).statusCode).toBe(200)
    const squatter = await b.client({ name: 'Старый', externalId: 'tmp' })
    await t.db.execute(sql`UPDATE clients SET external_id = 'tg-vera-2' WHERE id = ${squatter.id}`)
    const refused = expectError(await merge(c, third.id, { sourceId: squatter.id }), 409)
    expect(refused.error).toContain('tg-vera-2')
    // Into the card the address belongs to, it merges: the address already leads there.
    expect((await merge(c, other.id, { sourceId: squatter.id })).statusCode).toBe(200)
    expect((await call(t, c.operator, 'GET', '/clients/tg-vera-2')).json()).toMatchObject({ id: other.id })
  })
})

describe("a merge racing an operator's edit of the source", () => {
  it('loses nothing: the edit lands on the source before the merge, or on the merged client after it', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const note = await b.attribute({ name: 'Заметка' })
    for (let round = 0; round < 4; round++) {
      const [target, source] = await Promise.all([
        b.client({ name: `Цель ${round}` }),
        b.client({ name: `Источник ${round}` }),
      ])
      const edit = () =>
        call(t, c.operator, 'POST', `/clients/${source.id}/attributes/${note.id}`, { value: `заметка ${round}` })
      // Odd rounds: the source is held locked while the merge and then the edit arrive, so the edit waits for
      // the merge (and then must follow it to the target); even rounds: both at once, whichever comes first.
      const [editRes, merged] =
        round % 2 === 0
          ? await Promise.all([edit(), merge(c, target.id, { sourceId: source.id })])
          : await t.db
              .transaction(async (tx) => {
                await tx.execute(sql`SELECT 1 FROM clients WHERE id = ${source.id} FOR UPDATE`)
                const m = merge(c, target.id, { sourceId: source.id })
                await new Promise((resolve) => setTimeout(resolve, 100))
                const e = edit()
                await new Promise((resolve) => setTimeout(resolve, 100))
                return [e, m] as const
              })
              .then(([e, m]) => Promise.all([e, m]))
      const edited = editRes
      expect(edited.statusCode, edited.body).toBe(200)
      expect(merged.statusCode, merged.body).toBe(200)
      expect((await valuesOf(c, target.id)).Заметка).toBe(`заметка ${round}`)
    }
  })

  it('loses no tag change either: a tag put on or taken off the source while it merges ends up so on the merged client', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const [put, taken] = await Promise.all([b.tag('Поставить'), b.tag('Снять')])
    for (let round = 0; round < 2; round++) {
      const [target, source] = await Promise.all([
        b.client({ name: `Цель ${round}` }),
        b.client({ name: `Источник ${round}` }),
      ])
      await b.addTag(source.id, taken.id)
      // The source is held locked while the merge and then both tag changes arrive: they wait for the merge.
      const [added, removed, merged] = await t.db
        .transaction(async (tx) => {
          await tx.execute(sql`SELECT 1 FROM clients WHERE id = ${source.id} FOR UPDATE`)
          const m = merge(c, target.id, { sourceId: source.id })
          await new Promise((resolve) => setTimeout(resolve, 100))
          const a = call(t, c.operator, 'PUT', `/clients/${source.id}/tags/${put.id}`)
          const r = call(t, c.operator, 'DELETE', `/clients/${source.id}/tags/${taken.id}`)
          await new Promise((resolve) => setTimeout(resolve, 100))
          return [a, r, m] as const
        })
        .then((all) => Promise.all(all))
      expect(merged.statusCode, merged.body).toBe(200)
      expect(added.statusCode, added.body).toBe(200)
      expect(removed.statusCode, removed.body).toBe(200)
      const tags = ((await call(t, c.operator, 'GET', `/clients/${target.id}`)).json() as Client).tags.map(
        (x) => x.name,
      )
      expect(tags).toEqual(['Поставить'])
    }
  })
})

describe('undoing a merge', () => {
  it('brings both clients back as they were, with their dialogues, tags, values and history', async () => {
    const c = await makeCompany(t)
    const s = await twoCards(c)
    const before = { target: await valuesOf(c, s.target.id), source: await valuesOf(c, s.source.id) }
    const { mergeId } = (
      await merge(c, s.target.id, { sourceId: s.source.id, prefer: { [s.city.id]: 'source' } })
    ).json() as Merged

    const res = await call(t, c.supervisor, 'POST', `/merges/${mergeId}/undo`)
    expect(res.statusCode, res.body).toBe(200)
    const { client, source } = res.json() as { client: Client; source: Client }
    expect(client).toMatchObject({ id: s.target.id, email: null, phone: '+79165554433' })
    expect(client.tags.map((tag) => tag.name)).toEqual(['ВИП'])
    expect(source).toMatchObject({ id: s.source.id, externalId: 'tg-anna', email: 'anna@mail.ru' })
    expect(source.tags.map((tag) => tag.name)).toEqual(['Часто пишет'])
    expect({ target: await valuesOf(c, s.target.id), source: await valuesOf(c, s.source.id) }).toEqual(before)
    const sessions = (await call(t, c.operator, 'GET', `/clients/${s.source.id}/sessions`)).json() as {
      items: { id: string }[]
    }
    expect(sessions.items.map((x) => x.id)).toContain(s.dialogue.id)
    expect((await call(t, c.operator, 'GET', '/clients/tg-anna')).json()).toMatchObject({ id: s.source.id })

    expectError(await call(t, c.supervisor, 'POST', `/merges/${mergeId}/undo`), 409)
    // Both steps are in the admins' journal, by the supervisor who took them.
    const journal = (await call(t, c.admin, 'GET', '/audit')).json() as {
      items: { action: string; actorName: string }[]
    }
    expect(journal.items.slice(0, 2).map((e) => [e.action, e.actorName])).toEqual([
      ['clients.merge-undone', c.supervisor.name],
      ['clients.merged', c.supervisor.name],
    ])
  })

  it('refuses (409, naming them) when the merged client was changed since, and changes nothing', async () => {
    const c = await makeCompany(t)
    const s = await twoCards(c)
    const { mergeId } = (await merge(c, s.target.id, { sourceId: s.source.id })).json() as Merged
    await s.b.set(s.target.id, s.hobby.id, 'шашки')
    await call(t, c.operator, 'PATCH', `/clients/${s.target.id}`, { email: 'anna@yandex.ru' })

    const res = await call(t, c.supervisor, 'POST', `/merges/${mergeId}/undo`)
    expect(res.statusCode).toBe(409)
    expect((res.json() as { details: { path: string }[] }).details.map((d) => d.path).sort()).toEqual([
      `attributes.${s.hobby.id}`,
      'email',
    ])
    expectError(await call(t, c.operator, 'GET', `/clients/${s.source.id}`), 404)
    expect((await valuesOf(c, s.target.id)).Увлечение).toBe('шашки')
    expectError(await call(t, c.supervisor, 'POST', `/merges/${crypto.randomUUID()}/undo`), 404)
  })
})
