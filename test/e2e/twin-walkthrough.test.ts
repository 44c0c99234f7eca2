import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'

describeInBrowser("the TWIN walkthrough with the client's external ID", () => {
  const e2e = useServerAndBrowser()

  it('an operator copies the external ID from the card; Swagger UI sets a value with it; the card shows it after a reload', async () => {
    const { url } = e2e.server
    const api = await apiLogin(url, 'admin@demo.test')
    const attribute = (await api('/clients/attributes', { method: 'POST', body: { name: 'Любимый напиток' } })).body
    const { body: list } = await api('/sessions?status=open&limit=1')
    const dialogue = list.items[0]
    // The demo company's dialogues come through its channels, as TWIN's getChatList shows them.
    const { body: chats } = await api('/chats')
    expect(chats.items.map((c: { name: string }) => c.name).sort()).toEqual(['Telegram', 'WhatsApp', 'Сайт'])
    expect(chats.items.map((c: { id: string }) => c.id)).toContain(dialogue.chatId)

    // Step 6: the operator copies the client's external ID from "О клиенте".
    const operator = await signIn(e2e.browser, url, 'operator@demo.test')
    await operator.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url })
    await operator.goto(`${url}/dialogs/${dialogue.id}`)
    const card = operator.getByRole('region', { name: 'О клиенте' })
    await card.getByRole('button', { name: 'Скопировать: Внешний ID' }).click()
    await operator.getByText(`Внешний ID скопирован: ${dialogue.client.externalId}`).waitFor()
    const copied = await operator.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(dialogue.client.externalId)

    // Step 7: the admin takes a token from "Помощь API" and pastes the copied value as "Client Identifier" in Swagger UI.
    const admin = await signIn(e2e.browser, url, 'admin@demo.test')
    await admin.getByRole('link', { name: 'Помощь API' }).click()
    await admin.getByRole('button', { name: 'Выпустить токен' }).click()
    const token = await admin.getByRole('textbox', { name: 'Токен' }).inputValue()
    const consoleErrors: string[] = []
    admin.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await admin.goto(`${url}/api/docs`)
    await admin.getByRole('button', { name: 'Authorize' }).first().click()
    await admin.getByRole('textbox', { name: 'auth-bearer-value' }).fill(token)
    await admin.getByRole('button', { name: 'Apply credentials' }).click()
    await admin.locator('.auth-btn-wrapper').getByRole('button', { name: 'Close' }).click()
    const operation = admin.locator(
      '[id^="operations-Client_Attributes-post_clients__clientId__attributes__attributeId_"]',
    )
    await operation.locator('.opblock-summary').click()
    await operation.getByRole('button', { name: 'Try it out' }).click()
    await operation.locator('input[placeholder="clientId"]').fill(copied)
    await operation.locator('input[placeholder="attributeId"]').fill(attribute.id)
    await operation.locator('textarea.body-param__text').fill(JSON.stringify({ value: 'чай с чабрецом' }))
    await operation.getByRole('button', { name: 'Execute' }).click()
    await expect
      .poll(() => operation.locator('.live-responses-table tbody .response-col_status').first().textContent(), {
        timeout: 10_000,
      })
      .toContain('200')
    // Swagger UI's own styling is allowed by the page's CSP: the console stays clean.
    expect(consoleErrors).toEqual([])

    await operator.reload()
    await card.getByRole('button', { name: 'Любимый напиток: чай с чабрецом' }).waitFor()
  })
})
