import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { openDatabase } from '../../src/server/db/client'
import { rowsOf } from '../../src/server/db/raw'
import { apiLogin, describeInBrowser, seriousAxeViolations, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('a person asks to have their data destroyed', () => {
  const e2e = useServerAndBrowser()

  it('an admin registers the request, exports the data, destroys it and downloads the act; nothing of it is left', async () => {
    // The person's card, with everything that keeps copies: values and history, a note edited, a dialogue,
    // a second card merged into this one, a bulk edit.
    const admin = await apiLogin(e2e.server.url, 'admin@demo.test')
    const operator = await apiLogin(e2e.server.url, 'operator@demo.test')
    const started = await operator('/sessions', {
      method: 'POST',
      body: {
        client: { externalId: 'tg-zoya', name: 'Зоя Кремнёва', phone: '+79267770011' },
        message: 'Паспорт 4612 778899',
      },
    })
    const clientId = (started.body as { clientId: string }).clientId
    const catalog = (await admin('/clients/attributes')).body as { items: { id: string; type: string }[] }
    const text = catalog.items.find((a) => a.type === 'text')!
    for (const value of ['Снежинск', 'Озёрск'])
      await operator(`/clients/${clientId}/attributes/${text.id}`, { method: 'POST', body: { value } })
    const note = (
      await operator(`/clients/${clientId}/comments`, {
        method: 'POST',
        body: { body: 'Зоя просила писать после обеда' },
      })
    ).body as { id: string }
    await operator(`/comments/${note.id}`, { method: 'PATCH', body: { body: 'Зоя просит писать вечером' } })
    const twin = (
      await operator('/clients', { method: 'POST', body: { name: 'Зоя К.', email: 'zoya@kremneva.example' } })
    ).body as { id: string }
    await operator(`/clients/${twin.id}/attributes/${text.id}`, { method: 'POST', body: { value: 'Трёхгорный' } })
    expect((await admin(`/clients/${clientId}/merge`, { method: 'POST', body: { sourceId: twin.id } })).status).toBe(
      200,
    )
    const bulk = await admin('/clients/bulk', {
      method: 'POST',
      body: { filter: { keyword: 'Кремнёва' }, setAttributes: { [text.id]: 'Верхний Уфалей' } },
    })
    expect(bulk.status).toBe(200)

    const page = await signIn(e2e.browser, e2e.server.url, 'admin@demo.test')
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Персональные данные/ })
      .click()
    await page.getByRole('button', { name: 'Зарегистрировать запрос' }).click()
    const form = page.getByRole('dialog', { name: 'Запрос по персональным данным' })
    await form.getByRole('combobox', { name: 'Что просят' }).selectOption('erasure')
    await form.getByRole('textbox', { name: /Заявитель/ }).fill('Кремнёва Зоя Игоревна')
    await form.getByRole('searchbox', { name: 'Клиент' }).fill('Кремнёва')
    await form.getByRole('button', { name: /Зоя Кремнёва/ }).click()
    await form.getByRole('button', { name: 'Зарегистрировать' }).click()
    const row = page.getByRole('row', { name: /Кремнёва Зоя Игоревна/ })
    await expect.poll(() => row.getByText(/раб\. дн\./).count()).toBe(1)
    // Measured once the toast has faded in: half-way, its colours are half-way too.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-sonner-toast]')].every((t) => getComputedStyle(t).opacity === '1'),
    )
    expect(await seriousAxeViolations(page)).toEqual([])

    await row.getByRole('link', { name: 'Зоя Кремнёва' }).click()
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Данные клиента' }).click(),
    ])
    const exportedHtml = readFileSync((await exported.path())!, 'utf8')
    expect(exportedHtml).toContain('Сведения о персональных данных: Зоя Кремнёва')
    expect(exportedHtml).toContain('Паспорт 4612 778899')

    await page.getByRole('button', { name: 'Уничтожить данные' }).click()
    const erase = page.getByRole('dialog', { name: 'Уничтожить персональные данные' })
    await erase.getByRole('textbox', { name: 'Основание' }).fill('Заявление об уничтожении')
    await erase.getByRole('combobox', { name: 'Запрос' }).selectOption({ index: 1 })
    await erase.getByRole('textbox', { name: /Для подтверждения/ }).fill('Зоя Кремнёва')
    expect(await seriousAxeViolations(page)).toEqual([])
    await erase.getByRole('button', { name: 'Уничтожить' }).click()
    await page.getByText(/Персональные данные клиента уничтожены/).waitFor()
    const [act] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать акт' }).click(),
    ])
    const actHtml = readFileSync((await act.path())!, 'utf8')
    expect(actHtml).toContain('об уничтожении персональных данных')
    expect(actHtml).toContain('Кремнёва Зоя Игоревна')
    expect(actHtml).toContain('Выгрузка из журнала регистрации событий')

    // Search finds nothing of the person.
    for (const word of ['Кремнёва', 'Озёрск', '+79267770011', 'zoya@kremneva'])
      expect(
        ((await admin(`/clients?keyword=${encodeURIComponent(word)}`)).body as { items: unknown[] }).items,
      ).toEqual([])

    // And the database holds none of it: the tables read directly, history, note revisions, merge and batch copies included.
    const dataDir = await e2e.server.stopKeepingData()
    const database = await openDatabase({ databaseUrl: undefined, dataDir })
    const words = [
      'Зоя Кремнёва',
      'Зоя К',
      '+79267770011',
      '4612 778899',
      'Снежинск',
      'Озёрск',
      'Трёхгорный',
      'Верхний Уфалей',
      'zoya@',
      'писать вечером',
      'после обеда',
      'tg-zoya',
    ]
    const columns = await rowsOf<{ table_name: string; column_name: string }>(
      database.db,
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
        AND data_type IN ('text', 'jsonb', 'ARRAY') AND table_name NOT IN ('erasure_acts', 'privacy_requests')`,
    )
    const left: string[] = []
    for (const { table_name, column_name } of columns) {
      const [hit] = await rowsOf<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table_name)} WHERE ${sql.join(
          words.map((w) => sql`${sql.identifier(column_name)}::text LIKE ${`%${w}%`}`),
          sql` OR `,
        )}`,
      )
      if (hit!.n > 0) left.push(`${table_name}.${column_name}`)
    }
    await database.close()
    expect(left).toEqual([])
  })
})
