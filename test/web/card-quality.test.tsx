import { screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp } from '../support/web-render'

it('shows a supervisor how complete each parameter is; the emptiest bar opens the clients who lack it', async () => {
  const c = await newCompany()
  const city = await callApi<{ id: string }>(c.admin, 'POST', '/clients/attributes', { name: 'Город' })
  const age = await callApi<{ id: string }>(c.admin, 'POST', '/clients/attributes', { name: 'Возраст', type: 'number' })
  for (const [name, town] of [
    ['Анна', 'Казань'],
    ['Борис', 'Уфа'],
    ['Вера', null],
  ] as const) {
    const client = await callApi<{ id: string }>(c.admin, 'POST', '/clients', { name })
    if (town) await callApi(c.operator, 'POST', `/clients/${client.id}/attributes/${city.id}`, { value: town })
  }
  const { user, router } = renderApp('/dialogs', { as: c.supervisor })
  await user.click(await screen.findByRole('link', { name: 'Качество карточек' }))
  const bars = within(await screen.findByRole('list', { name: 'Заполненность параметров' }))
  const links = bars.getAllByRole('link')
  expect(links.map((l) => l.textContent)).toEqual(['Возраст0 %', 'Город67 %'])
  expect(screen.getByRole('figure', { name: 'Изменения карточек по дням и сотрудникам' })).toBeInTheDocument()
  await user.click(links[0]!)
  await waitFor(() => expect(router.state.location.pathname).toBe('/clients'))
  expect(new URLSearchParams(router.state.location.search).get(`attr.${age.id}`)).toBe('')
})

it('is for supervisors and admins', async () => {
  const c = await newCompany()
  renderApp('/quality', { as: c.operator })
  expect(await screen.findByText('Раздел доступен руководителям и администраторам')).toBeInTheDocument()
})
