import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Comment } from '@shared/comments'
import type { ClientDirectory } from '@shared/client-directory'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'

useTestApp()

const notes = async (who: TestCompany['admin'], path: string) =>
  ((await call(t, who, 'GET', path)).json() as { count: number; items: Comment[] }).items.map((n) => n.body)
const note = async (who: TestCompany['admin'], path: string, body: string) => {
  const res = await call(t, who, 'POST', path, { body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as Comment
}

describe('notes on clients and dialogues', () => {
  it('shows a client note in every dialogue with the client and a session note in its dialogue only, newest first', async () => {
    const c = await makeCompany(t)
    const first = await startDialogue(t, c.admin, { externalId: 'tg-n1', name: 'Анна' })
    await note(c.operator, `/clients/${first.clientId}/comments`, 'Просила звонить\nпосле 18:00')
    await note(c.operator, `/sessions/${first.id}/comments`, 'Ждёт возврат по заказу 48213')
    await note(c.operator, `/clients/tg-n1/comments`, 'ВИП с 2019 года')

    await call(t, c.admin, 'DELETE', `/sessions/${first.id}`)
    const again = (
      await call(t, c.admin, 'POST', '/sessions', { client: { externalId: 'tg-n1' }, message: 'Это снова я' })
    ).json() as { id: string; clientId: string }
    expect(again.id).not.toBe(first.id)
    expect(await notes(c.supervisor, `/clients/${again.clientId}/comments`)).toEqual([
      'ВИП с 2019 года',
      'Просила звонить\nпосле 18:00',
    ])
    expect(await notes(c.supervisor, `/sessions/${again.id}/comments`)).toEqual([])
    expect(await notes(c.supervisor, `/sessions/${first.id}/comments`)).toEqual(['Ждёт возврат по заказу 48213'])

    // The directory's keyword finds a client by their notes.
    const found = (
      await call(t, c.operator, 'GET', `/clients?keyword=${encodeURIComponent('после 18')}`)
    ).json() as ClientDirectory
    expect(found.items.map((x) => x.name)).toEqual(['Анна'])
  })

  it('lets the author edit or delete within 15 minutes, a supervisor delete any, and keeps what was said', async () => {
    const c = await makeCompany(t)
    const client = await cards(t, c).client({ name: 'Борис' })
    const mine = await note(c.operator, `/clients/${client.id}/comments`, 'Перезвонить завтра')
    const edited = await call(t, c.operator, 'PATCH', `/comments/${mine.id}`, { body: 'Перезвонить в пятницу' })
    expect(edited.json()).toMatchObject({ body: 'Перезвонить в пятницу', updatedAt: expect.any(String) })
    expect(
      expectError(await call(t, c.supervisor, 'PATCH', `/comments/${mine.id}`, { body: 'x' }), 403).error,
    ).toContain('только автор')

    await t.db.execute(sql`UPDATE comments SET created_at = now() - interval '16 minutes' WHERE id = ${mine.id}`)
    expect(
      expectError(await call(t, c.operator, 'PATCH', `/comments/${mine.id}`, { body: 'поздно' }), 403).error,
    ).toContain('15 минут')
    expectError(await call(t, c.operator, 'DELETE', `/comments/${mine.id}`), 403)
    expect((await call(t, c.supervisor, 'DELETE', `/comments/${mine.id}`)).statusCode).toBe(204)
    expect(await notes(c.operator, `/clients/${client.id}/comments`)).toEqual([])
    const kept = (await t.db.execute(
      sql`SELECT body FROM comment_revisions WHERE comment_id = ${mine.id} ORDER BY changed_at`,
    )) as unknown as { rows: { body: string }[] }
    expect(kept.rows.map((r) => r.body)).toEqual(['Перезвонить завтра', 'Перезвонить в пятницу'])
  })

  it("refuses an empty or too long note, and another company's client or note", async () => {
    const c = await makeCompany(t)
    const client = await cards(t, c).client({ name: 'Вера' })
    expectBadInput(await call(t, c.operator, 'POST', `/clients/${client.id}/comments`, { body: '   ' }), 'body.body')
    expectBadInput(
      await call(t, c.operator, 'POST', `/clients/${client.id}/comments`, { body: 'я'.repeat(4001) }),
      'body.body',
    )
    expect(
      (await call(t, c.operator, 'POST', `/clients/${client.id}/comments`, { body: 'я'.repeat(4000) })).statusCode,
    ).toBe(201)
    const stranger = await makeCompany(t)
    expectError(await call(t, stranger.operator, 'POST', `/clients/${client.id}/comments`, { body: 'чужой' }), 404)
    expectError(await call(t, stranger.operator, 'GET', `/clients/${client.id}/comments`), 404)
    const mine = await note(c.operator, `/clients/${client.id}/comments`, 'моя')
    expectError(await call(t, stranger.admin, 'DELETE', `/comments/${mine.id}`), 404)
  })

  it('moves the notes with a merge and back with its undo', async () => {
    const c = await makeCompany(t)
    const [target, source] = [await cards(t, c).client({ name: 'Глеб' }), await cards(t, c).client({ name: 'Глеб П.' })]
    await note(c.operator, `/clients/${source.id}/comments`, 'Любит скидки')
    const merged = (
      await call(t, c.supervisor, 'POST', `/clients/${target.id}/merge`, { sourceId: source.id })
    ).json() as { mergeId: string }
    expect(await notes(c.operator, `/clients/${target.id}/comments`)).toEqual(['Любит скидки'])
    await call(t, c.supervisor, 'POST', `/merges/${merged.mergeId}/undo`)
    expect(await notes(c.operator, `/clients/${source.id}/comments`)).toEqual(['Любит скидки'])
  })
})
