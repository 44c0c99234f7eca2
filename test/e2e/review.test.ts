import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('a supervisor reviews client cards', () => {
  const e2e = useServerAndBrowser()

  it("filters by a tag and an attribute value, reverts an operator's value, and clears the card in Проверка", async () => {
    const admin = await apiLogin(e2e.server.url, 'admin@demo.test')
    const operator = await apiLogin(e2e.server.url, 'operator@demo.test')
    const vip = (await admin('/clients/tags', { method: 'POST', body: { tag: 'Постоянный клиент' } })).body
    const hobby = (await admin('/clients/attributes', { method: 'POST', body: { name: 'Увлечение' } })).body
    const [anna, boris] = (await operator('/clients?sort=name&limit=2')).body.items
    for (const client of [anna, boris]) await operator(`/clients/${client.id}/tags/${vip.id}`, { method: 'PUT' })
    await operator(`/clients/${anna.id}/attributes/${hobby.id}`, { method: 'POST', body: { value: 'рыбалка' } })
    await operator(`/clients/${anna.id}/attributes/${hobby.id}`, { method: 'POST', body: { value: 'охота' } })
    await operator(`/clients/${boris.id}/attributes/${hobby.id}`, { method: 'POST', body: { value: 'шахматы' } })

    const page = await signIn(e2e.browser, e2e.server.url, 'supervisor@demo.test')
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Клиенты/ })
      .click()
    const grid = page.getByRole('grid', { name: 'Клиенты' })
    await grid.waitFor()
    await page.getByRole('button', { name: /^Теги/ }).click()
    await page.getByRole('option', { name: 'Постоянный клиент' }).click()
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Фильтр по параметру' }).click()
    await page.getByRole('combobox', { name: 'Найти параметр' }).fill('Увлеч')
    await page.keyboard.press('Enter')
    const form = page.getByRole('dialog', { name: 'Фильтр: Увлечение' })
    await form.getByRole('textbox', { name: 'Значение' }).fill('охота')
    await form.getByRole('button', { name: 'Применить' }).click()
    const filters = page.getByRole('list', { name: 'Фильтры' })
    await filters.getByText('Тег: Постоянный клиент').waitFor()
    await filters.getByText('Увлечение: охота').waitFor()
    const rows = grid.getByRole('row')
    await expect.poll(() => rows.count()).toBe(2) // the header and Anna's row
    await rows.nth(1).click()

    const history = page.getByRole('list', { name: 'История изменений' })
    const latest = history.getByRole('listitem').first()
    await latest.getByRole('button', { name: 'Вернуть «рыбалка»' }).click()
    await page
      .getByRole('dialog', { name: 'Вернуть «рыбалка»?' })
      .getByRole('button', { name: 'Вернуть', exact: true })
      .click()
    await expect
      .poll(
        async () =>
          (await operator(`/clients/${anna.id}/attributes`)).body.items.find((a: { id: string }) => a.id === hobby.id)
            .value,
      )
      .toBe('рыбалка')
    await expect.poll(() => history.getByRole('listitem').first().textContent()).toMatch(/охота.*рыбалка/)
    await page.getByRole('region', { name: 'О клиенте' }).getByRole('button', { name: 'Увлечение: рыбалка' }).waitFor()

    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Проверка/ })
      .click()
    const queue = page.getByRole('list', { name: 'Очередь проверки' })
    const annaCard = queue.getByRole('article').filter({ has: page.getByRole('heading', { name: anna.name }) })
    await annaCard.getByRole('button', { name: 'Проверено' }).click()
    await expect.poll(() => annaCard.count()).toBe(0)
    await queue.getByRole('heading', { name: boris.name }).waitFor()
  })
})
