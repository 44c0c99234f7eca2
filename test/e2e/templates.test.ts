import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('reply templates in the reply box', () => {
  const e2e = useServerAndBrowser()

  it('an operator types /дост, fills the empty city inline, and sends the text only on Enter', async () => {
    const { url } = e2e.server
    const api = await apiLogin(url, 'operator@demo.test')
    const started = await api('/sessions', {
      method: 'POST',
      body: { client: { externalId: 'tpl-e2e-1', name: 'Смирнова Ольга' }, message: 'Когда привезёте?' },
    })
    const session = started.body as { id: string; client: { id: string } }
    const catalog = (await api('/clients/attributes')).body as { items: { id: string; name: string }[] }
    const city = catalog.items.find((a) => a.name === 'Город')!

    const page = await signIn(e2e.browser, url, 'operator@demo.test')
    await page.goto(`${url}/dialogs/${session.id}`)
    const box = page.getByRole('textbox', { name: 'Ответ клиенту' })
    await box.click()
    await page.keyboard.type('/')
    const picker = page.getByRole('dialog', { name: 'Шаблоны ответов' })
    await expect.poll(() => picker.getByRole('combobox').evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('дост')
    await picker.getByRole('option', { name: /Доставка/ }).waitFor()
    await page.keyboard.press('Enter')

    const fill = page.getByRole('form', { name: 'Заполнить пустое для «Доставка»' })
    await fill.getByRole('combobox', { name: 'Город' }).selectOption('Самара')
    await fill.getByRole('button', { name: 'Сохранить и вставить' }).click()
    await expect
      .poll(() => box.inputValue())
      .toBe('Ольга, доставим заказ в Самара за 1–2 дня. Курьер позвонит за час до приезда.')

    // The card shows the city at once, written by the template.
    const card = page.getByRole('region', { name: 'О клиенте' })
    await card.getByRole('button', { name: 'Город: Самара' }).waitFor()
    const history = (await api(`/clients/${session.client.id}/attributes/${city.id}/history`)).body as {
      items: { newValue: string; source: string }[]
    }
    expect(history.items[0]).toMatchObject({ newValue: 'Самара', source: 'template' })

    // Nothing has been sent until the operator presses Enter in the box.
    const thread = page.getByRole('log', { name: 'Сообщения' })
    expect(await thread.getByText(/доставим заказ в Самара/).count()).toBe(0)
    await box.press('Enter')
    await thread.getByText('Ольга, доставим заказ в Самара за 1–2 дня. Курьер позвонит за час до приезда.').waitFor()
    await expect.poll(() => box.inputValue()).toBe('')
  })

  it("a macro puts a tag on and sets a parameter in one use, which a colleague's open card shows live", async () => {
    const { url } = e2e.server
    const api = await apiLogin(url, 'operator@demo.test')
    const session = (
      await api('/sessions', {
        method: 'POST',
        body: { client: { externalId: 'tpl-e2e-2', name: 'Орлов Пётр' }, message: 'Хочу в рассрочку' },
      })
    ).body as { id: string; client: { id: string } }

    const colleague = await signIn(e2e.browser, url, 'supervisor@demo.test')
    await colleague.goto(`${url}/dialogs/${session.id}`)
    const theirCard = colleague.getByRole('region', { name: 'О клиенте' })
    await theirCard.waitFor()

    const page = await signIn(e2e.browser, url, 'operator@demo.test')
    await page.goto(`${url}/dialogs/${session.id}`)
    const box = page.getByRole('textbox', { name: 'Ответ клиенту' })
    await box.click()
    await page.keyboard.press('Alt+KeyT')
    const picker = page.getByRole('dialog', { name: 'Шаблоны ответов' })
    await expect.poll(() => picker.getByRole('combobox').evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('рассрочк')
    await picker.getByText('Тег диалога «кредит»').waitFor()
    await page.keyboard.press('Enter')
    await expect.poll(() => box.inputValue()).toContain('Оформим рассрочку на 6 месяцев')

    // The colleague's page learns of both changes without a reload.
    await colleague.getByRole('button', { name: 'Результат обращения: Решено' }).waitFor()
    await colleague.getByText('кредит').first().waitFor()
    const history = (await api(`/clients/${session.client.id}/history`)).body as {
      items: { source: string }[]
    }
    expect(history.items.some((h) => h.source === 'template')).toBe(true)
  })
})
