import { expect, it } from 'vitest'
import { describeInBrowser, signIn, submitSignIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('an admin manages people and API tokens', () => {
  const e2e = useServerAndBrowser()
  const me = (token: string) =>
    fetch(`${e2e.server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })

  it('adds an operator, who signs in with the temporary password and must choose their own', async () => {
    const admin = await signIn(e2e.browser, e2e.server.url, 'admin@demo.test')
    await admin
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Сотрудники/ })
      .click()
    await admin.getByRole('button', { name: 'Добавить сотрудника' }).click()
    const dialog = admin.getByRole('dialog', { name: 'Новый сотрудник' })
    await dialog.getByRole('textbox', { name: 'Имя' }).fill('Нина Кузнецова')
    await dialog.getByRole('textbox', { name: 'Почта' }).fill('nina@demo.test')
    await dialog.getByRole('button', { name: 'Добавить' }).click()
    const password = (await dialog.locator('code').textContent())!
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/)
    await dialog.getByRole('button', { name: 'Готово' }).click()
    await admin.getByRole('row').filter({ hasText: 'Нина Кузнецова' }).getByText('Временный пароль').waitFor()

    const nina = await submitSignIn(e2e.browser, e2e.server.url, 'nina@demo.test', password)
    await nina.getByRole('heading', { name: 'Задайте свой пароль' }).waitFor()
    await nina.getByLabel('Временный пароль').fill(password)
    await nina.getByLabel('Новый пароль').fill('nina-own-password')
    await nina.getByRole('button', { name: 'Сменить пароль' }).click()
    await nina.getByRole('list', { name: 'Диалоги' }).waitFor()
  })

  it('revokes an API token on "Помощь API", and the token is refused', async () => {
    const admin = await signIn(e2e.browser, e2e.server.url, 'admin@demo.test')
    await admin
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Помощь API/ })
      .click()
    await admin.getByRole('textbox', { name: 'Для чего' }).fill('CRM')
    await admin.getByRole('button', { name: 'Выпустить токен' }).click()
    const token = await admin.getByRole('textbox', { name: 'Токен' }).inputValue()
    expect((await me(token)).status).toBe(200)

    const row = admin.getByRole('table', { name: 'Выпущенные токены' }).getByRole('row').filter({ hasText: 'CRM' })
    await row.getByRole('button', { name: 'Отозвать' }).click()
    await admin.getByRole('dialog').getByRole('button', { name: 'Отозвать' }).click()
    await row.getByText('Отозван').waitFor()
    expect((await me(token)).status).toBe(401)
  })
})
