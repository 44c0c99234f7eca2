import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser('a supervisor merges duplicate clients', () => {
  const e2e = useServerAndBrowser()

  it("merges the demo pair choosing the newer card's phone, sees the result and its history, and undoes it", async () => {
    const api = await apiLogin(e2e.server.url, 'supervisor@demo.test')
    const page = await signIn(e2e.browser, e2e.server.url, 'supervisor@demo.test')
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Дубликаты/ })
      .click()
    const group = page
      .getByRole('list', { name: 'Похожие клиенты' })
      .getByRole('listitem')
      .filter({ hasText: '8 910 100-10-10' })
    await group.waitFor()
    const [older, newer] = await group.getByRole('link').allTextContents()
    await group.getByRole('button', { name: /^Объединить/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Объединить карточки' })
    await dialog.getByRole('group', { name: 'Телефон' }).getByRole('radio', { name: '8 910 100-10-10' }).check()
    await dialog.getByRole('list', { name: 'Результат объединения' }).getByText('Телефон: 8 910 100-10-10').waitFor()
    await dialog.getByRole('button', { name: 'Объединить', exact: true }).click()
    await page.getByText(`Карточки объединены: ${older}`).waitFor()

    const merged = (await api('/clients/whatsapp-1')).body as { id: string; name: string; phone: string }
    expect(merged).toMatchObject({ name: older, phone: '8 910 100-10-10' })
    await page.getByRole('button', { name: 'Отменить объединение' }).click()
    await page.getByText('Объединение отменено: обе карточки на месте').waitFor()
    expect((await api('/clients/whatsapp-1')).body).toMatchObject({ name: newer, externalId: 'whatsapp-1' })

    // The merged card's history shows the merge and its undoing.
    await page.goto(`${e2e.server.url}/clients/${merged.id}`)
    const history = page.getByRole('list', { name: 'История изменений' })
    await expect.poll(async () => (await history.textContent()) ?? '').toMatch(/объединение/)
  })
})
