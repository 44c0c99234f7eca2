import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

it('offers the phone the client just wrote, live, and the operator accepts it into the card', async () => {
  const c = await newCompany()
  await callApi(c.admin, 'POST', '/clients/attributes', { name: 'Дата рождения', type: 'date' })
  const session = await startDialogue(c.admin, { externalId: 'sug-1', name: 'Мила' }, 'Здравствуйте')
  const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
  const card = within(await screen.findByRole('region', { name: 'О клиенте' }))
  expect(await card.findByText('Мила')).toBeInTheDocument()

  await callApi(c.admin, 'POST', `/sessions/${session.id}/clients/messages`, {
    body: 'мой номер 8 916 123 45 67, родилась 1 мая 1990',
  })
  const offers = within(await screen.findByRole('region', { name: 'Подсказки из диалога' }))
  expect(await offers.findByText(/Дата рождения: /)).toBeInTheDocument()
  await user.click(offers.getByRole('button', { name: /^Принять: Телефон: / }))
  expect(await screen.findByText('Телефон: сохранено из диалога')).toBeInTheDocument()
  await user.click(offers.getByRole('button', { name: /^Отклонить: Дата рождения/ }))
  expect(await callApi(c.operator, 'GET', `/clients/${session.clientId}`)).toMatchObject({ phone: '+79161234567' })
  await expect.poll(() => screen.queryByRole('region', { name: 'Подсказки из диалога' })).toBeNull()
})
