import { screen, waitFor, within } from '@testing-library/react'
import { Webhook as Verifier } from 'standardwebhooks'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startReceiver } from '../support/receiver'
import { callApi, failWebhooks, newCompany, renderApp } from '../support/web-render'

let receiver: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  receiver = await startReceiver()
})
afterAll(() => receiver.close())

it('an admin adds a webhook, copies its secret, sees the delivery of an operator’s change and sends it again', async () => {
  const c = await newCompany()
  const { user } = renderApp('/dialogs', { as: c.admin })
  await user.click(await screen.findByRole('link', { name: 'Вебхуки' }))
  await user.click(await screen.findByRole('button', { name: 'Добавить вебхук' }))
  const form = await screen.findByRole('dialog', { name: 'Новый вебхук' })
  await user.type(within(form).getByRole('textbox', { name: 'Адрес' }), 'ftp://nowhere')
  await user.click(within(form).getByRole('button', { name: 'Добавить' }))
  expect(await within(form).findByText('Адрес должен начинаться с http:// или https://')).toBeInTheDocument()
  await user.clear(within(form).getByRole('textbox', { name: 'Адрес' }))
  await user.type(within(form).getByRole('textbox', { name: 'Адрес' }), receiver.url)
  await user.click(within(form).getByRole('checkbox', { name: /Клиент добавлен/ }))
  await user.click(within(form).getByRole('button', { name: 'Добавить' }))

  const secret = ((await screen.findByRole('textbox', { name: 'Ключ подписи' })) as HTMLInputElement).value
  expect(secret).toMatch(/^whsec_/)
  expect(await screen.findByText(receiver.url)).toBeInTheDocument()

  const client = await callApi<{ id: string }>(c.operator, 'POST', '/clients', { name: 'Анна Вебхук' })
  const [created] = (await receiver.waitFor('client.created')).filter((r) => r.json.data.id === client.id)
  expect(new Verifier(secret).verify(created!.body, created!.headers as Record<string, string>)).toBeTruthy()

  await user.click(screen.getByRole('button', { name: 'Журнал доставок' }))
  const log = await screen.findByRole('region', { name: 'Журнал доставок' })
  expect(await within(log).findByText('Доставлено')).toBeInTheDocument()
  expect(within(log).getByText('client.created')).toBeInTheDocument()
  const before = receiver.received.length
  await user.click(within(log).getByRole('button', { name: 'Отправить снова' }))
  await expect.poll(() => receiver.received.length, { timeout: 8000 }).toBe(before + 1)
  expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(created!.headers['webhook-id'])
})

it('marks «Вебхуки» in the navigation while the service has switched a webhook off, until an admin turns it on', async () => {
  const c = await newCompany()
  await callApi(c.admin, 'POST', '/webhooks', { url: receiver.url, events: ['client.created'] })
  await failWebhooks(c)
  const { user } = renderApp('/dialogs', { as: c.admin })
  const link = await screen.findByRole('link', { name: /Вебхуки/ })
  expect(await within(link).findByText('отключены после отказов:')).toBeInTheDocument()
  expect(link).toHaveTextContent('1')
  await user.click(link)
  expect(await screen.findByText(/Отключён сервисом: Нет доставок 3 дня/)).toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: /Включить/ }))
  await waitFor(() => expect(within(link).queryByText('отключены после отказов:')).not.toBeInTheDocument())
})
