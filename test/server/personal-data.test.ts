import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Client } from '@shared/clients'
import type { ErasureAct } from '@shared/privacy'
import { rowsOf } from '../../src/server/db/raw'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, expectError, startDialogue } from '../support/api'
import { cards } from '../support/cards'
import { startReceiver } from '../support/receiver'

useTestApp()

/** A client with everything a card can hold: values and their history, tags, a dialogue, notes, a merge. */
async function fullClient(c: TestCompany) {
  const b = cards(t, c)
  const secret = await b.attribute({ name: 'Паспорт' })
  await call(t, c.admin, 'PATCH', `/clients/attributes/${secret.id}`, { visibleTo: [] })
  const city = await b.attribute({ name: 'Город' })
  const vip = await b.tag('ВИП')
  const dialogue = await startDialogue(
    t,
    c.admin,
    { externalId: 'tg-ivan', name: 'Иван Петров', phone: '+79161234567' },
    'Мой e-mail ivan@example.ru, паспорт 4510 123456',
  )
  const id = dialogue.clientId
  await b.set(id, city.id, 'Тверь')
  await b.set(id, city.id, 'Казань')
  await b.set(id, secret.id, '4510 123456', c.admin)
  await b.addTag(id, vip.id)
  // Tables without a company column are searched whole: this company's own words.
  const mark = c.company.id.slice(0, 8)
  const note = await call(t, c.operator, 'POST', `/clients/${id}/comments`, { body: `Просил не звонить до 10 ${mark}` })
  await call(t, c.operator, 'PATCH', `/comments/${note.json().id}`, { body: `Просил не звонить до 11 ${mark}` })
  const reply = await call(t, c.operator, 'POST', `/sessions/${dialogue.id}/operators/messages`, {
    body: 'Иван, заказ 48213 у курьера',
  })
  expect(reply.statusCode, reply.body).toBe(201)
  // Another card of the same person, merged into this one: the merge keeps its values to undo.
  const twin = await b.client({ name: 'Ваня Петров', email: 'vanya@example.ru', externalId: 'crm-77' })
  await b.set(twin.id, city.id, 'Москва')
  const merged = await call(t, c.supervisor, 'POST', `/clients/${id}/merge`, { sourceId: twin.id })
  expect(merged.statusCode, merged.body).toBe(200)
  return { id, dialogue, secret, city, mark, mergeId: merged.json().mergeId as string }
}

/**
 * Every stored text of the database that still holds one of `words`, in the company's rows (tables without a
 * company column: in all rows): the table and column.
 */
async function whereStill(companyId: string, words: string[]) {
  const columns = await rowsOf<{ table_name: string; column_name: string; scoped: boolean }>(
    t.db,
    sql`SELECT c.table_name, c.column_name, EXISTS (SELECT FROM information_schema.columns k WHERE k.table_schema = 'public'
        AND k.table_name = c.table_name AND k.column_name = 'company_id') AS scoped
      FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'jsonb', 'ARRAY')
      AND c.table_name NOT IN ('erasure_acts', 'privacy_requests')`,
  )
  const found: string[] = []
  for (const { table_name, column_name, scoped } of columns) {
    const [hit] = await rowsOf<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE (${sql.join(
        words.map((w) => sql`${sql.identifier(column_name)}::text LIKE ${`%${w}%`}`),
        sql` OR `,
      )}) ${scoped ? sql`AND company_id = ${companyId}` : sql``}`,
    )
    if (hit!.n > 0) found.push(`${table_name}.${column_name}`)
  }
  return found
}

describe('personal data', () => {
  it('exports everything held about a client, hidden parameters included, as JSON and as a printable page', async () => {
    const c = await makeCompany(t)
    const { id, mark } = await fullClient(c)
    const res = await call(t, c.admin, 'GET', `/clients/${id}/personal-data`)
    expect(res.statusCode, res.body).toBe(200)
    const data = res.json()
    expect(data.client).toMatchObject({ name: 'Иван Петров', phone: '+79161234567', email: 'vanya@example.ru' })
    expect(data.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Паспорт', value: '4510 123456' }),
        expect.objectContaining({
          name: 'Город',
          value: 'Казань',
          history: expect.arrayContaining([
            expect.objectContaining({ oldValue: null, newValue: 'Тверь' }),
            expect.objectContaining({ oldValue: 'Тверь', newValue: 'Казань' }),
            // The merged card's history is the card's now.
            expect.objectContaining({ oldValue: null, newValue: 'Москва' }),
          ]),
        }),
      ]),
    )
    expect(data.tags).toEqual([expect.objectContaining({ name: 'ВИП' })])
    expect(data.dialogues[0].messages.map((m: { body: string }) => m.body)).toEqual(
      expect.arrayContaining(['Мой e-mail ivan@example.ru, паспорт 4510 123456', 'Иван, заказ 48213 у курьера']),
    )
    expect(data.notes[0]).toMatchObject({
      body: `Просил не звонить до 11 ${mark}`,
      revisions: [{ body: `Просил не звонить до 10 ${mark}` }],
    })
    expect(data.aliases).toEqual(['crm-77'])
    expect(data.merges).toHaveLength(1)
    expect(data.journal.map((j: { action: string }) => j.action)).toContain('clients.merged')

    const page = await call(t, c.admin, 'GET', `/clients/${id}/personal-data?format=html`)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain('Сведения о персональных данных: Иван Петров')
    expect(page.body).toContain('4510 123456')
    // Exports are in the Журнал.
    const log = (await call(t, c.admin, 'GET', '/audit?action=client.exported')).json()
    expect(log.count).toBe(2)

    for (const who of [c.operator, c.supervisor])
      expectError(await call(t, who, 'GET', `/clients/${id}/personal-data`), 403)
    const other = await makeCompany(t)
    expectError(await call(t, other.admin, 'GET', `/clients/${id}/personal-data`), 404)
    expectBadInput(await call(t, c.admin, 'GET', `/clients/${id}/personal-data?format=pdf`), 'querystring.format')
  })

  it('destroys the data in the database, leaves a stub, and produces the act with the Журнал extract', async () => {
    const c = await makeCompany(t)
    const { id, dialogue, mergeId, city, mark } = await fullClient(c)
    const hook = await startReceiver()
    await call(t, c.admin, 'POST', '/webhooks', { url: hook.url, events: ['client.deleted'] })

    expectBadInput(await call(t, c.admin, 'POST', `/clients/${id}/erase`, { subject: 'Иван' }), 'body.reason')
    const asked = { subject: 'Петров Иван Иванович', reason: 'запрос' }
    expectError(await call(t, c.supervisor, 'POST', `/clients/${id}/erase`, asked), 403)
    const res = await call(t, c.admin, 'POST', `/clients/${id}/erase`, {
      subject: 'Петров Иван Иванович',
      reason: 'Отзыв согласия, заявление от 01.12.2026',
    })
    expect(res.statusCode, res.body).toBe(200)
    const act: ErasureAct = res.json()
    expect(act).toMatchObject({ number: 1, subject: 'Петров Иван Иванович', clientIds: [id] })
    expect(act.categories).toEqual(
      expect.arrayContaining([
        { category: 'Значения параметров', count: 2 },
        { category: 'Заметки сотрудников', count: 1 },
        { category: 'Копии данных для отмены объединений', count: 1 },
      ]),
    )
    expect(act.journal).toEqual([expect.objectContaining({ action: 'client.erased' })])

    // Not a value of the person is left anywhere in the database, history and snapshots included.
    expect(
      await whereStill(c.company.id, [
        'Иван Петров',
        '+79161234567',
        'ivan@example.ru',
        'vanya@example.ru',
        '4510 123456',
        'Казань',
      ]),
    ).toEqual([])
    expect(
      await whereStill(c.company.id, [
        'Тверь',
        'Москва',
        'crm-77',
        'tg-ivan',
        `звонить до 10 ${mark}`,
        `звонить до 11 ${mark}`,
        '48213',
      ]),
    ).toEqual([])

    // The stub stays, read-only; the dialogue was closed with a line and still counts.
    const stub: Client = (await call(t, c.admin, 'GET', `/clients/${id}`)).json()
    expect(stub.name).toMatch(/^Клиент удалён \d\d\.\d\d\.\d{4}$/)
    expect(stub).toMatchObject({ phone: null, email: null, externalId: null, erasedAt: expect.any(String) })
    const thread = (await call(t, c.admin, 'GET', `/sessions/${dialogue.id}/messages`)).json()
    expect(thread.items.map((m: { body: string }) => m.body)).toContain(
      'Диалог закрыт: персональные данные клиента уничтожены',
    )
    expect((await call(t, c.admin, 'GET', `/sessions/${dialogue.id}`)).json().status).toBe('closed')
    expect(
      expectError(await call(t, c.operator, 'POST', `/clients/${id}/attributes/${city.id}`, { value: 'x' }), 409).error,
    ).toContain('уничтожены')
    expect(expectError(await call(t, c.operator, 'PATCH', `/clients/${id}`, { name: 'Снова' }), 409).error).toContain(
      'уничтожены',
    )
    expect(
      expectError(await call(t, c.operator, 'POST', `/clients/${id}/comments`, { body: 'ещё' }), 409).error,
    ).toContain('уничтожены')
    // Search no longer finds the person.
    const found = (await call(t, c.admin, 'GET', `/clients?keyword=${encodeURIComponent('Петров')}`)).json()
    expect(found.items).toEqual([])
    // The merge can no longer bring the old card back, and says why.
    expect(expectError(await call(t, c.admin, 'POST', `/merges/${mergeId}/undo`), 409).error).toContain('уничтожены')
    // Integrations learn of it by id alone.
    const [deleted] = await hook.waitFor('client.deleted')
    expect(deleted!.json.data).toEqual({ clientId: id, erased: true })
    await hook.close()

    // Twice: a 404, never a 500; the act can be listed and printed later.
    expectError(await call(t, c.admin, 'POST', `/clients/${id}/erase`, { subject: 'Петров', reason: 'повтор' }), 404)
    expect((await call(t, c.admin, 'GET', '/erasure-acts')).json().items.map((a: ErasureAct) => a.id)).toEqual([act.id])
    const printed = await call(t, c.admin, 'GET', `/erasure-acts/${act.id}?format=html`)
    expect(printed.body).toContain('Акт № 1 об уничтожении персональных данных')
    expect(printed.body).toContain('Выгрузка из журнала регистрации событий')
    expect(printed.body).toContain('Петров Иван Иванович')
    const other = await makeCompany(t)
    expectError(await call(t, other.admin, 'GET', `/erasure-acts/${act.id}`), 404)
    expectError(await call(t, other.admin, 'POST', `/clients/${id}/erase`, { subject: 'x y', reason: 'чужой' }), 404)
  })

  it('keeps finding by keyword the other cards that share a value of the erased client', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const [anna, boris] = [await b.client({ name: 'Анна' }), await b.client({ name: 'Борис' })]
    await b.set(anna.id, city.id, 'Набережные Челны')
    await b.set(boris.id, city.id, 'Набережные Челны')
    await b.set(anna.id, city.id, 'Нижнекамск')
    const erased = await call(t, c.admin, 'POST', `/clients/${anna.id}/erase`, { subject: 'Анна', reason: 'Заявление' })
    expect(erased.statusCode, erased.body).toBe(200)
    const found = async (keyword: string) =>
      (await call(t, c.operator, 'GET', `/clients?keyword=${encodeURIComponent(keyword)}`))
        .json()
        .items.map((i: Client) => i.name)
    expect(await found('челны')).toEqual(['Борис'])
    expect(await found('нижнекамск')).toEqual([])
    expect(await whereStill(c.company.id, ['Нижнекамск'])).toEqual([])
  })

  it('blocks processing: the card is read-only with the reason, dialogues still arrive, and unblocking opens it', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const vip = await b.tag('ВИП')
    const client = await b.client({ name: 'Ольга', externalId: 'tg-olga' })
    expectBadInput(await call(t, c.admin, 'POST', `/clients/${client.id}/block`, {}), 'body.reason')
    expectError(await call(t, c.supervisor, 'POST', `/clients/${client.id}/block`, { reason: 'запрос' }), 403)
    const blocked = await call(t, c.admin, 'POST', `/clients/${client.id}/block`, { reason: 'Запрос № 3: проверка' })
    expect(blocked.json()).toMatchObject({ blockedAt: expect.any(String), blockedReason: 'Запрос № 3: проверка' })
    expectError(await call(t, c.admin, 'POST', `/clients/${client.id}/block`, { reason: 'ещё раз' }), 409)

    const refused = [
      await call(t, c.operator, 'POST', `/clients/${client.id}/attributes/${city.id}`, { value: 'Тула' }),
      await call(t, c.operator, 'PUT', `/clients/${client.id}/tags/${vip.id}`),
      await call(t, c.operator, 'PATCH', `/clients/${client.id}`, { name: 'Оля' }),
      await call(t, c.operator, 'POST', `/clients/${client.id}/comments`, { body: 'заметка' }),
    ]
    for (const res of refused) expect(expectError(res, 409).error).toContain('Запрос № 3: проверка')

    // A channel's dialogue starts; the card is not written.
    const dialogue = await call(t, c.admin, 'POST', '/sessions', {
      client: { externalId: 'tg-olga', name: 'Ольга Смирнова', phone: '+79990001122' },
      message: 'Здравствуйте',
    })
    expect(dialogue.statusCode, dialogue.body).toBe(201)
    const card: Client = (await call(t, c.admin, 'GET', `/clients/${client.id}`)).json()
    expect(card).toMatchObject({ name: 'Ольга', phone: null })

    await call(t, c.admin, 'POST', `/clients/${client.id}/unblock`, { reason: 'Проверка завершена' })
    expect(
      (await call(t, c.operator, 'POST', `/clients/${client.id}/attributes/${city.id}`, { value: 'Тула' })).statusCode,
    ).toBe(200)
    const log = (await call(t, c.admin, 'GET', `/clients/${client.id}/personal-data`)).json().journal
    expect(log.map((j: { action: string }) => j.action)).toEqual(['client.blocked', 'client.unblocked'])
  })

  it('leaves a blocked client out of exports, bulk edits, imports and templates, and refuses to erase during a batch', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    const city = await b.attribute({ name: 'Город' })
    const open = await b.client({ name: 'Открытый Клиент', externalId: 'crm-open' })
    const blocked = await b.client({ name: 'Закрытый Клиент', externalId: 'crm-closed' })
    for (const x of [open, blocked]) await b.set(x.id, city.id, 'Казань')
    await call(t, c.admin, 'POST', `/clients/${blocked.id}/block`, { reason: 'Запрос на проверке' })

    const csv = await call(t, c.admin, 'GET', '/clients/export.csv')
    expect(csv.body).toContain('Открытый Клиент')
    expect(csv.body).not.toContain('Закрытый Клиент')

    const edit = await call(t, c.admin, 'POST', '/clients/bulk', {
      filter: { [`attr.${city.id}`]: 'Казань' },
      setAttributes: { [city.id]: 'Самара' },
    })
    expect(edit.json()).toMatchObject({ matched: 1, changed: 1 })

    const file = ['Внешний ID;Имя', 'crm-closed;Новое имя', 'crm-open;Открытый К.'].join('\n')
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/clients/import',
      headers: { ...c.admin.auth, 'content-type': 'text/csv' },
      payload: file,
    })
    expect(imported.json()).toMatchObject({ updated: 1, skipped: 1 })
    expect(imported.json().errors[0].message).toContain('заблокирована')
    const card: Client = (await call(t, c.admin, 'GET', `/clients/${blocked.id}`)).json()
    expect(card.name).toBe('Закрытый Клиент')

    // A template for the blocked client's dialogue fills nothing from the card.
    const dialogue = await startDialogue(t, c.admin, { externalId: 'crm-closed' }, 'Добрый день')
    const template = await call(t, c.supervisor, 'POST', '/templates', {
      name: 'Привет',
      code: '/привет',
      body: 'Здравствуйте, {{client.name | "клиент"}}!',
    })
    expect(template.statusCode, template.body).toBe(201)
    const rendered = await call(
      t,
      c.operator,
      'POST',
      `/sessions/${dialogue.id}/templates/${template.json().id}/render`,
    )
    expect(rendered.json().text).toBe('Здравствуйте, клиент!')

    // While an import or a bulk edit runs, erasing waits for it: a 409 that says so.
    await t.db.execute(
      sql`INSERT INTO change_batches (company_id, kind, status) VALUES (${c.company.id}, 'bulk', 'running')`,
    )
    const erase = await call(t, c.admin, 'POST', `/clients/${open.id}/erase`, { subject: 'Открытый', reason: 'запрос' })
    expect(expectError(erase, 409).error).toContain('дождитесь')
    expect((await call(t, c.admin, 'GET', `/clients/${open.id}`)).json().name).toBe('Открытый К.')
  })
})
