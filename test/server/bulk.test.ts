import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Batch, BatchUndoResult, BulkResult } from '@shared/batches'
import type { ClientDirectory } from '@shared/client-directory'
import { openDatabase } from '../../src/server/db/client'
import { holdPresence } from '../../src/server/db/presence'
import { eq, sql } from 'drizzle-orm'
import { changeBatches, clientTags } from '../../src/server/db/schema'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const bulk = (c: TestCompany, body: unknown) => call(t, c.supervisor, 'POST', '/clients/bulk', body)
const namesWithTag = async (c: TestCompany, tagId: string) =>
  (
    (await call(t, c.operator, 'GET', `/clients?tagId=${tagId}&sort=name&limit=500`)).json() as ClientDirectory
  ).items.map((x) => x.name)

/** A company with a city attribute, two tags and clients in two cities. */
async function scene(c: TestCompany, perCity = 3) {
  const b = cards(t, c)
  const city = await b.attribute({ name: 'Город' })
  const level = await b.attribute({ name: 'Уровень', type: 'select', options: ['Базовый', 'Золотой'] })
  const [vip, lost] = await Promise.all([b.tag('ВИП'), b.tag('Потерян')])
  const clients = []
  for (const [i, town] of ['Казань', 'Самара'].flatMap((town) =>
    Array.from({ length: perCity }, (_, i) => [i, town] as const),
  )) {
    const client = await b.client({ name: `${town} ${i + 1}` })
    await b.set(client.id, city.id, town)
    clients.push(client)
  }
  return { b, city, level, vip, lost, clients }
}

describe('bulk edit of the directory', () => {
  it('tags every client the filter matches, beyond the loaded page, with history, and the undo takes it back', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    const res = await bulk(c, {
      filter: { [`attr.${s.city.id}`]: 'Казань' },
      addTags: [s.vip.id],
      setAttributes: { [s.level.id]: 'золотой' },
    })
    expect(res.statusCode, res.body).toBe(200)
    const done = res.json() as BulkResult
    expect(done).toMatchObject({ matched: 3, changed: 3 })
    expect(await namesWithTag(c, s.vip.id)).toEqual(['Казань 1', 'Казань 2', 'Казань 3'])

    const history = (await call(t, c.supervisor, 'GET', `/clients/${s.clients[0]!.id}/history`)).json() as {
      items: { source: string; newValue?: string }[]
    }
    expect(history.items.filter((h) => h.source === 'bulk').map((h) => h.newValue ?? 'tag')).toEqual(
      expect.arrayContaining(['Золотой']),
    )
    expect((await call(t, c.supervisor, 'GET', '/batches')).json()).toMatchObject({
      count: 1,
      items: [{ id: done.batchId }],
    })
    const batch = (await call(t, c.supervisor, 'GET', `/batches/${done.batchId}`)).json() as Batch
    expect(batch).toMatchObject({ kind: 'bulk', status: 'done', total: 3, done: 3, createdBy: { id: c.supervisor.id } })

    // Someone changes one card after the batch: the undo leaves that change alone.
    await s.b.set(s.clients[1]!.id, s.level.id, 'Базовый')
    const undo = await call(t, c.supervisor, 'POST', `/batches/${done.batchId}/undo`)
    expect(undo.statusCode, undo.body).toBe(200)
    expect(undo.json()).toEqual<BatchUndoResult>({ reverted: 5, kept: 1, closed: 0, deleted: 0, keptClients: 0 })
    expect(await namesWithTag(c, s.vip.id)).toEqual([])
    const levels = await Promise.all(
      s.clients.slice(0, 3).map(
        async (x) =>
          (
            (await call(t, c.operator, 'GET', `/clients/${x.id}/attributes`)).json() as {
              items: { id: string; value: string | null }[]
            }
          ).items.find((a) => a.id === s.level.id)!.value,
      ),
    )
    expect(levels).toEqual([null, 'Базовый', null])
    expectError(await call(t, c.supervisor, 'POST', `/batches/${done.batchId}/undo`), 409)
  })

  it('removes tags from the chosen clients only, and a filter that matches no one changes nothing', async () => {
    const c = await makeCompany(t)
    const s = await scene(c, 2)
    for (const x of s.clients) await s.b.addTag(x.id, s.lost.id)
    const res = await bulk(c, { filter: {}, clientIds: [s.clients[0]!.id, s.clients[3]!.id], removeTags: [s.lost.id] })
    expect(res.json()).toMatchObject({ matched: 2, changed: 2 })
    expect(await namesWithTag(c, s.lost.id)).toEqual(['Казань 2', 'Самара 1'])

    const none = await bulk(c, { filter: { keyword: 'никого-такого-нет' }, addTags: [s.vip.id] })
    expect(none.statusCode, none.body).toBe(200)
    expect(none.json()).toMatchObject({ matched: 0, changed: 0 })
  })

  it("refuses a value the attribute does not take, an unknown tag and another company's attribute before changing anything", async () => {
    const c = await makeCompany(t)
    const s = await scene(c, 1)
    const foreign = await cards(t, await makeCompany(t)).attribute({ name: 'Чужой' })
    expectBadInput(
      await bulk(c, { filter: {}, addTags: [s.vip.id], setAttributes: { [s.level.id]: 'Платиновый' } }),
      `body.setAttributes.${s.level.id}`,
    )
    expectBadInput(
      await bulk(c, { filter: {}, setAttributes: { [foreign.id]: 'x' } }),
      `body.setAttributes.${foreign.id}`,
    )
    expectBadInput(await bulk(c, { filter: {}, addTags: ['00000000-0000-4000-8000-000000000000'] }), 'body.addTags.0')
    expectBadInput(await bulk(c, { filter: {} }), 'body.addTags')
    expectBadInput(
      await bulk(c, { filter: { [`attr.${foreign.id}`]: '*' }, addTags: [s.vip.id] }),
      `querystring.attr.${foreign.id}`,
    )
    expect(await namesWithTag(c, s.vip.id)).toEqual([])
    // Operators do not bulk-edit; another company's batch is not found.
    expectError(await call(t, c.operator, 'POST', '/clients/bulk', { filter: {}, addTags: [s.vip.id] }), 403)
    const done = (await bulk(c, { filter: {}, addTags: [s.vip.id] })).json() as BulkResult
    const stranger = await makeCompany(t)
    expectError(await call(t, stranger.supervisor, 'POST', `/batches/${done.batchId}/undo`), 404)
    expectError(await call(t, stranger.supervisor, 'GET', `/batches/${done.batchId}`), 404)
  })
})

describe('a bulk edit resumed after its chunks finished out of order', () => {
  it('applies each client once: neither the chunks done up to `after` nor one done ahead of them run again', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const tag = await b.tag('Обзвон')
    for (let i = 0; i < 12; i++) await b.client({ name: `Клиент ${i + 1}` })
    const done = (await bulk(c, { filter: {}, addTags: [tag.id] })).json() as BulkResult
    expect(done).toMatchObject({ matched: 12, changed: 12 })
    // As written by its chunks: nothing is waiting beyond the last client.
    const [row] = await t.db.select().from(changeBatches).where(eq(changeBatches.id, done.batchId))
    const ids = (await t.db.select({ id: clientTags.clientId }).from(clientTags).where(eq(clientTags.tagId, tag.id)))
      .map((r) => r.id)
      .sort()
    expect(row!.resume).toMatchObject({ after: ids[11], ahead: [] })

    // The state a crash leaves when the chunk of clients 7–8 committed while the one of 4–6 was still running:
    // 5 clients done, and the tags taken off again, so that a client applied twice would show.
    await t.db.delete(clientTags).where(eq(clientTags.tagId, tag.id))
    await t.db
      .update(changeBatches)
      .set({
        status: 'interrupted',
        done: 5,
        summary: sql`${changeBatches.summary} || '{"matched": 5, "changed": 5}'`,
        resume: sql`${changeBatches.resume} || ${JSON.stringify({ after: ids[2], ahead: [[ids[6], ids[7]]] })}::jsonb`,
      })
      .where(eq(changeBatches.id, done.batchId))
    const resumed = await call(t, c.supervisor, 'POST', `/batches/${done.batchId}/resume`)
    expect(resumed.json()).toEqual({ batchId: done.batchId, matched: 12, changed: 12 })
    const tagged = (await t.db.select({ id: clientTags.clientId }).from(clientTags).where(eq(clientTags.tagId, tag.id)))
      .map((r) => r.id)
      .sort()
    expect(tagged).toEqual([...ids.slice(3, 6), ...ids.slice(8)])
    expect(((await call(t, c.supervisor, 'GET', `/batches/${done.batchId}`)).json() as Batch).done).toBe(12)
  })
})

describe('batches of several service processes on one database', () => {
  it('marks interrupted only a batch whose process is gone', { skip: !process.env.DATABASE_URL }, async () => {
    const c = await makeCompany(t)
    const other = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: null })
    const alive = await holdPresence(other, randomUUID())
    const insert = async (owner: string) =>
      (
        await t.db
          .insert(changeBatches)
          .values({ companyId: c.company.id, kind: 'bulk', createdBy: c.supervisor.id, owner })
          .returning({ id: changeBatches.id })
      )[0]!.id
    const running = await insert(alive.id)
    const orphan = await insert(randomUUID())
    const status = async (id: string) => ((await call(t, c.supervisor, 'GET', `/batches/${id}`)).json() as Batch).status
    expect(await status(orphan)).toBe('interrupted')
    expect(await status(running)).toBe('running')
    expectError(await call(t, c.supervisor, 'POST', `/batches/${running}/undo`), 409)
    // That process ends: its lock goes with its connection, and its batch is interrupted.
    await alive.release()
    expect(await status(running)).toBe('interrupted')
    await other.close()
  })
})
