import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('client attributes travel with the client between operators', () => {
  const e2e = useServerAndBrowser()

  const card = (page: Page) => page.getByRole('region', { name: 'О клиенте' })

  it('admin creates "Увлечение", an operator fills it in, another operator sees it in the client\'s next dialogue', async () => {
    const admin = await signIn(e2e.browser, e2e.server.url, 'admin@demo.test')
    await admin.getByRole('link', { name: 'Каталог' }).click()
    await admin.getByRole('button', { name: 'Новый параметр' }).click()
    const form = admin.getByRole('dialog', { name: 'Новый параметр' })
    await form.getByRole('textbox', { name: 'Название' }).fill('Увлечение')
    await form.getByRole('button', { name: 'Создать' }).click()
    await admin.getByRole('list', { name: 'Параметры в порядке карточки' }).getByText('Увлечение').waitFor()

    const api = await apiLogin(e2e.server.url, 'admin@demo.test')
    const { body: list } = await api('/sessions?status=open&limit=1')
    const first = list.items[0]

    const operator = await signIn(e2e.browser, e2e.server.url, 'operator@demo.test')
    await operator.goto(`${e2e.server.url}/dialogs/${first.id}`)
    await card(operator).getByRole('button', { name: 'Добавить параметр' }).click()
    await operator.getByRole('combobox', { name: 'Найти параметр' }).fill('Увлеч')
    await operator.keyboard.press('Enter')
    await card(operator).getByRole('textbox', { name: 'Увлечение' }).fill('рыбалка')
    await operator.keyboard.press('Enter')
    await card(operator).getByRole('button', { name: 'Увлечение: рыбалка' }).waitFor()
    await expect
      .poll(
        async () =>
          (await api(`/clients/${first.clientId}/attributes`)).body.items.find(
            (a: { name: string }) => a.name === 'Увлечение',
          )?.value,
      )
      .toBe('рыбалка')
    await operator.reload()
    await card(operator).getByRole('button', { name: 'Увлечение: рыбалка' }).waitFor()

    // The first dialogue ends; the client comes back later and a new one starts.
    expect((await api(`/sessions/${first.id}`, { method: 'DELETE', body: { force: true } })).status).toBe(200)
    const again = await api('/sessions', {
      method: 'POST',
      body: { client: { externalId: first.client.externalId }, message: 'Снова я, есть вопрос' },
    })
    expect(again.status).toBe(201)
    expect(again.body.clientId).toBe(first.clientId)
    const operator2 = await signIn(e2e.browser, e2e.server.url, 'operator2@demo.test')
    await operator2.goto(`${e2e.server.url}/dialogs/${again.body.id}`)
    await card(operator2).getByRole('button', { name: 'Увлечение: рыбалка' }).waitFor()

    // Archived in the catalog, the attribute leaves the card.
    await admin.getByRole('button', { name: 'В архив: Увлечение' }).click()
    await admin
      .getByRole('dialog', { name: 'Убрать «Увлечение» в архив?' })
      .getByRole('button', { name: 'В архив' })
      .click()
    await card(operator2).getByRole('button', { name: 'Добавить параметр' }).waitFor()
    await expect.poll(() => card(operator2).getByText('рыбалка').count(), { timeout: 3000 }).toBe(0)
  })
})
