import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('client tags follow the client, session tags stay with the dialogue', () => {
  const e2e = useServerAndBrowser()

  const card = (page: Page) => page.getByRole('region', { name: 'О клиенте' })

  async function createTag(admin: Page, section: string, name: string) {
    await admin.getByRole('link', { name: section }).click()
    await admin.getByRole('button', { name: 'Новый тег' }).click()
    const dialog = admin.getByRole('dialog')
    await dialog.getByRole('textbox', { name: 'Название' }).fill(name)
    await dialog.getByRole('button', { name: 'Создать' }).click()
    await admin.getByRole('table', { name: section }).getByText(name).waitFor()
  }

  it('tags a client and a session, and the dialogue list filters by the session tag', async () => {
    const admin = await signIn(e2e.browser, e2e.server.url, 'admin@demo.test')
    await admin.getByRole('link', { name: 'Каталог' }).click()
    await createTag(admin, 'Теги клиентов', 'Постоянный клиент')
    await createTag(admin, 'Теги сессий', 'рассрочка')

    const api = await apiLogin(e2e.server.url, 'admin@demo.test')
    const first = (await api('/sessions?status=open&limit=1')).body.items[0]
    const operator = await signIn(e2e.browser, e2e.server.url, 'operator@demo.test')
    await operator.goto(`${e2e.server.url}/dialogs/${first.id}`)
    await card(operator).getByRole('button', { name: 'Выбрать: теги клиента' }).click()
    await operator.keyboard.type('Постоян')
    await operator.keyboard.press('Enter')
    await operator.keyboard.press('Escape')
    await card(operator).getByRole('list', { name: 'Теги клиента' }).getByText('Постоянный клиент').waitFor()
    await card(operator).getByRole('button', { name: 'Выбрать: теги сессии' }).click()
    await operator.keyboard.type('рассроч')
    await operator.keyboard.press('Enter')
    await operator.keyboard.press('Escape')
    await card(operator).getByRole('list', { name: 'Теги сессии' }).getByText('рассрочка').waitFor()
    await operator
      .getByRole('log', { name: 'Сообщения' })
      .getByText(/добавил тег «рассрочка»/)
      .waitFor()

    // The first dialogue ends (closed by the admin without «Результат обращения»); the client comes back later and a new one starts.
    expect((await api(`/sessions/${first.id}`, { method: 'DELETE', body: { force: true } })).status).toBe(200)
    const again = await api('/sessions', {
      method: 'POST',
      body: { client: { externalId: first.client.externalId }, message: 'Это снова я' },
    })
    const operator2 = await signIn(e2e.browser, e2e.server.url, 'operator2@demo.test')
    await operator2.goto(`${e2e.server.url}/dialogs/${again.body.id}`)
    await card(operator2).getByRole('list', { name: 'Теги клиента' }).getByText('Постоянный клиент').waitFor()
    await card(operator2).getByRole('button', { name: 'Выбрать: теги сессии' }).waitFor()
    expect(await card(operator2).getByText('рассрочка').count()).toBe(0)

    await operator2.getByRole('button', { name: /^Теги/ }).click()
    await operator2.keyboard.type('рассроч')
    await operator2.keyboard.press('Enter')
    await operator2.keyboard.press('Escape')
    const dialogues = operator2.getByRole('list', { name: 'Диалоги' }).getByRole('link')
    await expect.poll(() => dialogues.count()).toBe(1)
    expect(await dialogues.first().getAttribute('href')).toContain(first.id)
  })
})
