import { screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp } from '../support/web-render'

it('saves the directory as a view for the company, which the navigation lists with its count and opens', async () => {
  const c = await newCompany()
  for (const name of ['Анна Иванова', 'Борис Иванов', 'Вера Петрова'])
    await callApi(c.admin, 'POST', '/clients', { name })
  const { user, router } = renderApp('/clients?q=Иванов&sort=name', { as: c.supervisor })
  const grid = await screen.findByRole('grid', { name: 'Клиенты' })
  await within(grid).findByText('Борис Иванов')

  await user.click(screen.getByRole('button', { name: 'Сохранить вид' }))
  const dialog = await screen.findByRole('dialog', { name: 'Сохранить вид' })
  await user.type(within(dialog).getByLabelText('Название'), 'Ивановы')
  await user.click(within(dialog).getByRole('checkbox', { name: 'Для всей компании' }))
  await user.click(within(dialog).getByRole('button', { name: 'Сохранить' }))
  expect(await screen.findByText('Вид «Ивановы» сохранён для всей компании')).toBeInTheDocument()

  const nav = within(await screen.findByRole('list', { name: 'Сохранённые виды' }))
  const link = nav.getByRole('link', { name: /Ивановы/ })
  expect(link).toHaveTextContent('2')
  await router.navigate('/dialogs')
  await user.click(await screen.findByRole('link', { name: /Ивановы/ }))
  await waitFor(() => expect(router.state.location.pathname).toBe('/clients'))
  expect(new URLSearchParams(router.state.location.search).get('q')).toBe('Иванов')
  expect(
    await within(await screen.findByRole('grid', { name: 'Клиенты' })).findByText('Анна Иванова'),
  ).toBeInTheDocument()

  // An operator sees the company's view, and no button to save one.
  const views = await callApi<{ items: { id: string; name: string }[] }>(c.operator, 'GET', '/views')
  expect(views.items).toEqual([expect.objectContaining({ name: 'Ивановы' })])
  expect(await callApi(c.operator, 'GET', `/views/${views.items[0]!.id}/count`)).toEqual({ count: 2, problem: null })
})

it('offers an operator no saving of views', async () => {
  const c = await newCompany()
  renderApp('/clients', { as: c.operator })
  await screen.findByRole('grid', { name: 'Клиенты' })
  expect(screen.queryByRole('button', { name: 'Сохранить вид' })).toBeNull()
})
