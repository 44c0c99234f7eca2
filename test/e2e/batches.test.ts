import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

type List = { count: number; items: { id: string; tags: { name: string }[] }[] }

describeInBrowser('imports and bulk edits', () => {
  const e2e = useServerAndBrowser()

  it('an admin checks a CSV of 50 rows, sees the 2 bad ones, imports the rest and undoes it', async () => {
    const api = await apiLogin(e2e.server.url, 'admin@demo.test')
    const rows = Array.from({ length: 50 }, (_, i) => {
      const phone =
        i === 17
          ? 'звонить вечером'
          : `+7 999 500-${String(10 + Math.floor(i / 10)).padStart(2, '0')}-${String(i % 10).padStart(2, '0')}`
      const city = i === 33 ? 'Атлантида' : 'Казань'
      return `imp-${i};Клиент импорта ${i};${phone};${city};ВИП-клиент`
    })
    const file = Buffer.from(`\uFEFFВнешний ID;Имя;Телефон;Город;Теги клиента\r\n${rows.join('\r\n')}\r\n`)

    const page = await signIn(e2e.browser, e2e.server.url, 'admin@demo.test')
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Импорт/ })
      .click()
    await page.getByLabel('CSV-файл').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: file })
    await page.getByText(/Проверка файла: строк 50 · будет создано 48 .* не загрузятся из-за ошибок 2/).waitFor()
    await page.getByText('Ошибки: 2').waitFor()
    expect((await api('/clients?keyword=imp-&withoutCount=false')).body).toMatchObject({ count: 0 })

    await page.getByRole('button', { name: 'Импортировать' }).click()
    await page.getByText(/Импорт завершён: строк 50 · создано 48/).waitFor()
    const imported = (await api('/clients?keyword=imp-&limit=100')).body as List
    expect(imported.count).toBe(48)
    expect(imported.items.every((c) => c.tags.some((t) => t.name === 'ВИП-клиент'))).toBe(true)

    await page.getByRole('button', { name: 'Отменить импорт' }).click()
    await page
      .getByRole('dialog', { name: 'Отменить импорт?' })
      .getByRole('button', { name: 'Отменить импорт' })
      .click()
    await page.getByText(/Импорт отменён: удалено клиентов 48/).waitFor()
    expect((await api('/clients?keyword=imp-')).body).toMatchObject({ count: 0 })
  })

  it('a supervisor tags every client of a filter at once and undoes it', async () => {
    const api = await apiLogin(e2e.server.url, 'supervisor@demo.test')
    const tagged = async () =>
      ((await api('/clients?keyword=Казань&limit=500')).body as List).items.filter((c) =>
        c.tags.some((t) => t.name === 'Конфликтный'),
      ).length
    const before = await tagged()
    const total = ((await api('/clients?keyword=Казань')).body as List).count
    expect(total).toBeGreaterThan(1)

    const page = await signIn(e2e.browser, e2e.server.url, 'supervisor@demo.test')
    await page.goto(`${e2e.server.url}/clients?q=${encodeURIComponent('Казань')}`)
    const grid = page.getByRole('grid', { name: 'Клиенты' })
    await grid
      .getByRole('checkbox', { name: /^Выбрать: / })
      .first()
      .check()
    await page.getByRole('button', { name: `Выбрать все ${total} по фильтру` }).click()
    const bar = page.getByRole('region', { name: 'Выбранные клиенты' })
    await bar.getByText(`Выбраны все по фильтру: ${total}`).waitFor()
    await bar.getByRole('button', { name: 'Добавить тег' }).click()
    const dialog = page.getByRole('dialog', { name: 'Добавить тег' })
    await dialog.getByLabel('Тег клиента').selectOption({ label: 'Конфликтный' })
    await dialog.getByRole('button', { name: new RegExp(`^Добавить тег ${total} клиент`) }).click()
    const toast = page.getByRole('listitem').filter({ hasText: `из ${total}` })
    await toast.waitFor()
    expect(await tagged()).toBe(total)

    await toast.getByRole('button', { name: 'Отменить' }).click()
    await page.getByText('Изменение отменено').waitFor()
    expect(await tagged()).toBe(before)
  })
})
