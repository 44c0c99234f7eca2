import { screen, within } from '@testing-library/react'
import { Webhook as Verifier } from 'standardwebhooks'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startReceiver } from '../support/receiver'
import { callApi, newCompany, renderApp } from '../support/web-render'

let receiver: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  receiver = await startReceiver()
})
afterAll(() => receiver.close())

it("an admin sends a channel's dialogue closes to an address, then reads the signed callback in the channel's log", async () => {
  const c = await newCompany()
  const chat = await callApi<{ id: string }>(c.admin, 'POST', '/chats', { name: 'Сайт' })
  const { user } = renderApp('/catalog/chats', { as: c.admin })
  await user.click(await screen.findByRole('button', { name: 'Изменить «Сайт»' }))
  const form = await screen.findByRole('dialog', { name: 'Изменить канал' })
  const address = within(form).getByRole('textbox', { name: 'Адрес для событий диалогов' })
  await user.type(address, 'ftp://nowhere')
  await user.click(within(form).getByRole('button', { name: 'Сохранить' }))
  expect(await within(form).findByText('Адрес должен начинаться с http:// или https://')).toBeInTheDocument()
  await user.clear(address)
  await user.type(address, receiver.url)
  await user.type(within(form).getByRole('textbox', { name: 'Данные для получателя' }), 'site-1')
  await user.click(within(form).getByRole('checkbox', { name: /Диалог закрыт/ }))
  await user.click(within(form).getByRole('button', { name: 'Сохранить' }))
  expect(await screen.findByText(`${receiver.url}`)).toBeInTheDocument()
  expect(screen.getByText(/\(chatSessionDeleted\)/)).toBeInTheDocument()

  const session = await callApi<{ id: string }>(c.operator, 'POST', `/chats/${chat.id}/sessions`, {
    clientName: 'Анна',
    messageBody: 'Здравствуйте',
  })
  await callApi(c.operator, 'DELETE', `/sessions/${session.id}`)
  const [closed] = (await receiver.waitFor('chatSessionDeleted')).filter((r) => r.json.data.sessionId === session.id)
  expect(closed!.json.callbackData).toBe('site-1')
  // Only the close was asked for: nothing else of this dialogue arrived.
  expect(receiver.received.filter((r) => r.json.data.sessionId === session.id)).toHaveLength(1)

  const secret = ((await screen.findByRole('textbox', { name: 'Ключ подписи' })) as HTMLInputElement).value
  expect(new Verifier(secret).verify(closed!.body, closed!.headers as Record<string, string>)).toBeTruthy()

  await user.click(screen.getByRole('button', { name: 'Обратные вызовы: Сайт' }))
  const log = await screen.findByRole('region', { name: 'Журнал обратных вызовов' })
  expect(await within(log).findByText('Доставлено')).toBeInTheDocument()
  expect(within(log).getByText('chatSessionDeleted')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Сменить ключ' }))
  expect(await screen.findByText(/Прежний ключ подписывает до/)).toBeInTheDocument()
  expect((screen.getByRole('textbox', { name: 'Ключ подписи' }) as HTMLInputElement).value).not.toBe(secret)
})
