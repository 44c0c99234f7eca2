import { and, eq, like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Batch, BatchUndoResult } from '@shared/batches'
import type { ClientDirectory } from '@shared/client-directory'
import { MAX_IMPORT_MB, type ImportResult } from '@shared/imports'
import { changeBatches, clients } from '../../src/server/db/schema'
import { makeCompany, t, useTestApp, type TestCompany } from '../support/app'
import { call, expectBadInput, expectError } from '../support/api'
import { cards, variedText } from '../support/cards'

useTestApp()

const upload = (c: TestCompany, file: string | Buffer, query = '', type = 'text/csv') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/clients/import${query}`,
    headers: { ...c.admin.auth, 'content-type': type },
    payload: file,
  })

async function imported(c: TestCompany, file: string | Buffer, query = '') {
  const res = await upload(c, file, query)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as ImportResult
}

const directory = async (c: TestCompany) =>
  (
    (
      await call(
        t,
        c.operator,
        'GET',
        '/clients?sort=name&limit=500&attributeId=' + (await attrIds(c)).join('&attributeId='),
      )
    ).json() as ClientDirectory
  ).items
const attrIds = async (c: TestCompany) =>
  ((await call(t, c.admin, 'GET', '/clients/attributes')).json() as { items: { id: string }[] }).items.map((a) => a.id)

async function scene(c: TestCompany) {
  const b = cards(t, c)
  const city = await b.attribute({ name: 'Город' })
  const hobby = await b.attribute({ name: 'Увлечения', type: 'multiselect', options: ['Спорт', 'Музыка'] })
  const vip = await b.tag('ВИП')
  const anna = await b.client({ name: 'Анна', phone: '+7 916 555-44-33', externalId: 'crm-1' })
  await b.set(anna.id, city.id, 'Казань')
  return { b, city, hobby, vip, anna }
}

describe('CSV import', () => {
  it('never guesses: a phone or e-mail two cards share leaves the row out, naming them; a dry run names the card each row goes to', async () => {
    const c = await makeCompany(t)
    const b = cards(t, c)
    await b.client({ name: 'Павел', phone: '+7 910 100-10-10', externalId: 'demo-1' })
    await b.client({ name: 'Павел В.', phone: '8 910 100-10-10', externalId: 'whatsapp-1' })
    const anna = await b.client({ name: 'Анна', phone: '+7 916 555-44-33', externalId: 'crm-1' })
    const file = [
      'Внешний ID;Имя;Телефон',
      ';Павел Петров;8 (910) 100-10-10',
      ';Анна С.;+7 916 555 44 33',
      ';Новый;+7 999 000-00-01',
    ].join('\n')

    const dry = await imported(c, file, '?dryRun=true')
    expect(dry).toMatchObject({ rows: 3, created: 1, updated: 1, skipped: 1 })
    expect(dry.errors).toEqual([
      {
        row: 2,
        column: null,
        message:
          'Телефон совпадает с 2 клиентами: demo-1, whatsapp-1. Строка пропущена: укажите ID клиента или внешний ID',
      },
    ])
    expect(dry.targets).toEqual([
      { row: 3, clientId: anna.id, client: 'crm-1' },
      { row: 4, clientId: null, client: null },
    ])

    const done = await imported(c, file)
    expect(done).toMatchObject({ created: 1, updated: 1, skipped: 1 })
    const list = (await call(t, c.operator, 'GET', '/clients?sort=name')).json() as ClientDirectory
    expect(list.items.map((x) => x.name)).toEqual(['Анна С.', 'Новый', 'Павел', 'Павел В.'])
  })

  it('dry-runs, then creates and updates cards with history, matches by phone, skips bad rows, and undoes it all', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    const file = [
      'Внешний ID;Имя;Телефон;Эл. почта;Теги клиента;Город;Увлечения;Рост',
      'crm-1;Анна;;;ВИП;Самара;спорт, музыка;170', // updates Анна by external ID
      ';Борис;8 (917) 000-11-22;boris@mail.ru;;Уфа;;', // new
      ';Вера;+7 916 555 44 33;;;;;', // the same phone as Анна, read another way: matches her
      ';Глеб;12ab;;;;;', // bad phone
      ';Дина;;dina@mail;Нет такого;;;', // bad e-mail and unknown tag: two errors, one row
      ";=cmd|' /C calc'!A0;;;;;;",
      ';;;;;;;',
    ].join('\r\n')
    const dry = await imported(c, file, '?dryRun=true')
    expect(dry).toMatchObject({ importId: null, rows: 6, created: 2, updated: 1, unchanged: 0, skipped: 3 })
    expect(dry.errors).toEqual(
      expect.arrayContaining([
        { row: 1, column: 'Рост', message: expect.stringContaining('столбец пропущен') },
        { row: 4, column: null, message: expect.stringContaining('строке 2') },
        { row: 5, column: 'Телефон', message: expect.stringContaining('телефон') },
        { row: 6, column: 'Эл. почта', message: expect.any(String) },
        { row: 6, column: 'Теги клиента', message: 'Нет тега «Нет такого» в каталоге' },
      ]),
    )
    expect(dry.columns.map((x) => x.target)).toEqual([
      'externalId',
      'name',
      'phone',
      'email',
      'tags',
      s.city.id,
      s.hobby.id,
      'skip',
    ])
    expect(dry.preview[0]).toEqual(file.split('\r\n')[0]!.split(';'))
    expect((await directory(c)).map((x) => x.name)).toEqual(['Анна'])

    const done = await imported(c, file)
    expect(done).toMatchObject({ rows: 6, created: 2, updated: 1, skipped: 3 })
    const after = await directory(c)
    expect(after.map((x) => x.name)).toEqual(["=cmd|' /C calc'!A0", 'Анна', 'Борис'])
    expect(after.find((x) => x.name === 'Анна')).toMatchObject({
      tags: [expect.objectContaining({ name: 'ВИП' })],
      attributes: { [s.city.id]: 'Самара', [s.hobby.id]: '["Спорт","Музыка"]' },
    })
    const history = (await call(t, c.supervisor, 'GET', `/clients/${s.anna.id}/history`)).json() as {
      items: { source: string; oldValue?: string }[]
    }
    expect(history.items.filter((h) => h.source === 'import')).toHaveLength(3)
    expect(history.items.find((h) => h.source === 'import' && h.oldValue === 'Казань')).toBeTruthy()
    expect((await call(t, c.admin, 'GET', '/imports')).json()).toMatchObject({
      count: 1,
      items: [{ id: done.importId, status: 'done' }],
    })
    const batch = (await call(t, c.admin, 'GET', `/imports/${done.importId}`)).json() as Batch
    expect(batch).toMatchObject({
      kind: 'import',
      status: 'done',
      done: 6,
      summary: expect.objectContaining({ created: 2 }),
    })

    // The same file again changes nothing, but for the row with a name alone: nothing to find it by.
    expect(await imported(c, file, '?dryRun=true')).toMatchObject({ created: 1, updated: 0, unchanged: 2 })

    const undo = await call(t, c.admin, 'POST', `/imports/${done.importId}/undo`)
    expect(undo.statusCode, undo.body).toBe(200)
    expect(undo.json()).toMatchObject<Partial<BatchUndoResult>>({ deleted: 2, kept: 0 })
    const restored = await directory(c)
    expect(restored.map((x) => x.name)).toEqual(['Анна'])
    expect(restored[0]).toMatchObject({ tags: [], attributes: { [s.city.id]: 'Казань', [s.hobby.id]: null } })
  })

  it('reads Windows-1251 and comma-separated files, and the export read back changes nothing', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    const cp1251 = Buffer.from(
      new Uint8Array(
        [...'Имя,Город\r\nЖанна,Пермь\r\n'].map((ch) => {
          const code = ch.charCodeAt(0)
          return code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : code
        }),
      ),
    )
    expect(await imported(c, cp1251)).toMatchObject({ created: 1, errorCount: 0 })
    expect((await directory(c)).find((x) => x.name === 'Жанна')).toMatchObject({ attributes: { [s.city.id]: 'Пермь' } })

    const exported = (await call(t, c.admin, 'GET', '/clients/export.csv')).body
    expect(await imported(c, exported, '?dryRun=true')).toMatchObject({
      rows: 2,
      created: 0,
      updated: 0,
      unchanged: 2,
      errorCount: 0,
    })
  })

  it('decides the encoding from the whole file: Windows-1251 after 64 KB of plain ASCII is read as such, before anything is written', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    const ascii = Array.from({ length: 10_000 }, (_, i) => `Client ${i};ext-${i};Moscow`)
    const cyrillic = Buffer.from(
      new Uint8Array(
        [...'Жанна;ext-zh;Пермь\r\n'].map((ch) => {
          const code = ch.charCodeAt(0)
          return code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : code
        }),
      ),
    )
    // The header itself in Windows-1251 would give it away: an ASCII header, as a system export might write.
    const plain = Buffer.concat([
      Buffer.from('Name;External;City\r\n'),
      Buffer.from(ascii.join('\r\n') + '\r\n'),
      cyrillic,
    ])
    expect(plain.subarray(0, 64 * 1024).every((b) => b < 0x80)).toBe(true)
    const mapped = await imported(c, plain, `?columns=name,externalId,${s.city.id}`)
    expect(mapped).toMatchObject({ created: 10_001, errorCount: 0 })
    expect((await call(t, c.operator, 'GET', '/clients/ext-zh')).json()).toMatchObject({ name: 'Жанна' })
  })

  it('round-trips what the formula guard marks: an apostrophe, full-width signs and an invisible first character', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    const values = ["'=1+1", '＝1+1', '\u200b=1+1', '=2+2', "'просто текст"]
    for (const [i, value] of values.entries()) {
      const client = await s.b.client({ name: `Формула ${i}` })
      await s.b.set(client.id, s.city.id, value)
    }
    const exported = (await call(t, c.admin, 'GET', '/clients/export.csv')).body
    expect(exported).toContain(";'＝1+1")
    expect(exported).toContain(";'\u200b=1+1")
    expect(exported).toContain(";''=1+1")
    expect(await imported(c, exported, '?dryRun=true')).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 6,
      errorCount: 0,
    })
  })

  it('takes a mapping of its own, reports unknown columns and repeated external IDs, and refuses files it cannot read', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    const file = 'Код;ФИО;Откуда\nx-1;Олег;Тверь\nx-1;Олег 2;Тверь\n'
    const mapped = await imported(c, file, `?dryRun=true&columns=externalId,name,${s.city.id}`)
    expect(mapped).toMatchObject({
      created: 1,
      skipped: 1,
      errors: [{ row: 3, column: null, message: expect.stringContaining('строки 2') }],
    })
    const unmapped = await imported(c, file, '?dryRun=true')
    expect(unmapped.errors.filter((e) => e.row === 1).map((e) => e.column)).toEqual(['Код', 'ФИО', 'Откуда'])

    expectBadInput(await upload(c, file, '?columns=name'), 'querystring.columns')
    expectBadInput(await upload(c, file, '?columns=name,nonsense,skip'), 'querystring.columns')
    expectBadInput(await upload(c, Buffer.from('\uFEFFИмя\n', 'utf16le')), 'body')
    expectBadInput(await upload(c, ''), 'body')
    expectBadInput(await upload(c, 'Имя\n"Олег\n'), 'body')
    // A file past the limit is refused by its announced length, before any of it is read.
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/clients/import',
      headers: {
        ...c.admin.auth,
        'content-type': 'text/csv',
        'content-length': String((MAX_IMPORT_MB + 1) * 1024 * 1024),
      },
      payload: 'Имя\nОлег\n',
    })
    expect(expectError(big, 413).error).toContain(`${MAX_IMPORT_MB} МБ`)
    expectError(await call(t, c.supervisor, 'POST', '/clients/import', 'Имя\nОлег'), 415)
    expectError(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/clients/import',
        headers: { ...c.supervisor.auth, 'content-type': 'text/csv' },
        payload: 'Имя\nОлег',
      }),
      403,
    )
    expect((await directory(c)).map((x) => x.name)).toEqual(['Анна'])
  })

  it('keeps a created client someone has used since, and another company cannot see or undo the import', async () => {
    const c = await makeCompany(t)
    const s = await scene(c)
    const done = await imported(c, 'Имя;Внешний ID\nПётр;tg-petr\nИван;tg-ivan\n')
    const [petr] = (await directory(c)).filter((x) => x.name === 'Пётр')
    await s.b.set(petr!.id, s.city.id, 'Омск')
    const stranger = await makeCompany(t)
    expectError(await call(t, stranger.admin, 'GET', `/imports/${done.importId}`), 404)
    expectError(await call(t, stranger.admin, 'POST', `/imports/${done.importId}/undo`), 404)
    // A bulk edit since, undone again, is no use of the cards: it does not keep Иван.
    const bulk = (
      await call(t, c.supervisor, 'POST', '/clients/bulk', { filter: { keyword: 'tg-' }, addTags: [s.vip.id] })
    ).json() as { batchId: string }
    expect((await call(t, c.supervisor, 'POST', `/batches/${bulk.batchId}/undo`)).statusCode).toBe(200)
    const undo = (await call(t, c.admin, 'POST', `/imports/${done.importId}/undo`)).json() as BatchUndoResult
    expect(undo).toMatchObject({ deleted: 1, keptClients: 1 })
    expect((await directory(c)).map((x) => x.name)).toEqual(['Анна', 'Пётр'])
  })
})

describe('an import resumed after its chunks committed out of order', () => {
  it('applies each row once: neither the rows done up to `after` nor a span done ahead of them run again', async () => {
    const c = await makeCompany(t)
    const first = await imported(c, 'Внешний ID;Имя\r\nrow-0;Первый\r\n')
    // The state a crash leaves when the chunk of rows 7–8 committed while the one of rows 4–6 was still written.
    await t.db
      .update(changeBatches)
      .set({
        status: 'interrupted',
        done: 5,
        summary: sql`${changeBatches.summary} || '{"created": 5, "rows": 5}'`,
        resume: sql`${changeBatches.resume} || '{"after": 3, "ahead": [[7, 8]]}'`,
      })
      .where(eq(changeBatches.id, first.importId!))
    // Rows 11 and 12 name the clients of rows 2 and 8 again, which were written before the interruption.
    const ext = (i: number) => (i === 11 ? 'row-2' : i === 12 ? 'row-8' : `row-${i}`)
    const file = ['Внешний ID;Имя', ...Array.from({ length: 12 }, (_, i) => `${ext(i + 1)};Клиент ${i + 1}`)].join(
      '\r\n',
    )
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${first.importId}/resume`,
      headers: { ...c.admin.auth, 'content-type': 'text/csv' },
      payload: file,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      importId: first.importId,
      rows: 12,
      created: 10,
      skipped: 2,
      errors: [
        { row: 12, message: 'Повторяет клиента строки 3: строка пропущена' },
        { row: 13, message: 'Повторяет клиента строки 9: строка пропущена' },
      ],
    })
    const rows = await t.db
      .select({ externalId: clients.externalId })
      .from(clients)
      .where(and(eq(clients.companyId, c.company.id), like(clients.externalId, 'row-%')))
    expect(rows.map((r) => r.externalId).sort()).toEqual(['row-0', 'row-4', 'row-5', 'row-6', 'row-9', 'row-10'].sort())
    expect(((await call(t, c.admin, 'GET', `/imports/${first.importId}`)).json() as Batch).done).toBe(12)
  })
})

describe('an import longer than a chunk', () => {
  it('leaves out a row naming the client of a row a chunk before it, in a dry run as in the real one, and keeps no key after', async () => {
    const c = await makeCompany(t)
    const anna = await cards(t, c).client({ name: 'Анна', externalId: 'crm-anna' })
    // Row 1,000 repeats row 1's external ID; row 1,099 names Анна by her external ID, as row 5 did by her id.
    const lines = Array.from({ length: 1100 }, (_, n) => {
      const i = n + 1
      if (i === 5) return `${anna.id};;Анна Петрова`
      if (i === 1099) return ';crm-anna;Анна'
      return `;far-${i === 1000 ? 1 : i};Клиент ${i}`
    })
    const file = ['ID клиента;Внешний ID;Имя', ...lines].join('\r\n')
    const expected = {
      rows: 1100,
      created: 1097,
      updated: 1,
      skipped: 2,
      errors: [
        { row: 1001, column: null, message: 'Повторяет клиента строки 2: строка пропущена' },
        { row: 1100, column: null, message: 'Тот же клиент, что в строке 6: строка пропущена' },
      ],
    }
    expect(await imported(c, file, '?dryRun=true')).toMatchObject(expected)
    expect(await imported(c, file)).toMatchObject(expected)
    const left = await t.db.execute(sql`SELECT count(*)::int AS n FROM import_keys`)
    expect((left as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0)
  })

  it('stops at a value too varied for the search index with a clear message, and records it in the import', async () => {
    const c = await makeCompany(t)
    await scene(c)
    const res = await upload(c, ['Внешний ID;Имя;Город', `v-1;Вера;${variedText(2000)}`].join('\r\n'))
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error).toMatch(/не помещается в индекс поиска/)
    const [run] = await t.db.select().from(changeBatches).where(eq(changeBatches.companyId, c.company.id))
    expect(run).toMatchObject({ status: 'failed', summary: { error: res.json().error } })
  })
})
