import { Webhook as Verifier } from 'standardwebhooks'
import { expect, it } from 'vitest'
import { apiLogin, describeInBrowser, signIn, useServerAndBrowser } from '../support/e2e'
import { startReceiver } from '../support/receiver'

describeInBrowser('an admin connects a CRM through a webhook', () => {
  const e2e = useServerAndBrowser()

  it('receives a signed parameter change, recovers what it missed while down, and gets it again on «Отправить снова»', async () => {
    let receiver = await startReceiver()
    const port = Number(new URL(receiver.url).port)
    const admin = await signIn(e2e.browser, e2e.server.url, 'admin@demo.test')
    await admin
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: /Вебхуки/ })
      .click()
    await admin.getByRole('button', { name: 'Добавить вебхук' }).click()
    const form = admin.getByRole('dialog', { name: 'Новый вебхук' })
    await form.getByRole('textbox', { name: 'Адрес' }).fill(receiver.url)
    await form.getByRole('textbox', { name: 'Для чего' }).fill('CRM')
    await form.getByRole('button', { name: 'Добавить' }).click()
    const secret = await admin.getByRole('textbox', { name: 'Ключ подписи' }).inputValue()
    expect(secret).toMatch(/^whsec_/)

    // An operator sets a parameter (through the API, as the panel does).
    const operator = await apiLogin(e2e.server.url, 'operator@demo.test')
    const client = ((await operator('/clients?limit=1')).body as { items: { id: string }[] }).items[0]!
    const catalog = (await operator('/clients/attributes')).body as {
      items: { id: string; name: string; type: string }[]
    }
    const text = catalog.items.find((a) => a.type === 'text')!
    const set = (value: string) =>
      operator(`/clients/${client.id}/attributes/${text.id}`, { method: 'POST', body: { value } })
    expect((await set('Первое')).status).toBe(200)
    const [first] = await receiver.waitFor('client.attributes.changed')
    expect(first!.json.data.changes).toEqual([
      expect.objectContaining({ attributeId: text.id, name: text.name, newValue: 'Первое' }),
    ])
    expect(new Verifier(secret).verify(first!.body, first!.headers as Record<string, string>)).toBeTruthy()

    // The receiver goes down, a change is made, it comes back: the retry delivers it.
    await receiver.close()
    expect((await set('Второе')).status).toBe(200)
    const adminApi = await apiLogin(e2e.server.url, 'admin@demo.test')
    const [hook] = ((await adminApi('/webhooks')).body as { items: { id: string }[] }).items
    await expect
      .poll(async () => {
        const log = (await adminApi(`/webhooks/${hook!.id}/deliveries?limit=1`)).body as {
          items: { attempts: { statusCode: number | null }[] }[]
        }
        return log.items[0]?.attempts[0]?.statusCode
      })
      .toBeNull()
    receiver = await startReceiver(port)
    // The first retry comes 5 s (±20 %) after the failed attempt.
    const [second] = await receiver.waitFor('client.attributes.changed', 1, 15_000)
    expect(second!.json.data.changes).toEqual([expect.objectContaining({ oldValue: 'Первое', newValue: 'Второе' })])

    await admin.getByRole('button', { name: 'Журнал доставок' }).click()
    const log = admin.getByRole('region', { name: 'Журнал доставок' })
    const latest = log.getByRole('listitem').filter({ hasText: 'client.attributes.changed' }).first()
    await latest.getByText('нет ответа').waitFor()
    await latest.getByText(/код 200/).waitFor()
    await latest.getByRole('button', { name: 'Отправить снова' }).click()
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(2)
    expect(receiver.received[1]!.headers['webhook-id']).toBe(second!.headers['webhook-id'])
    await receiver.close()
  })
})
