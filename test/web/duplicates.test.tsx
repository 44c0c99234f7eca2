import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp } from '../support/web-render'

it('shows a supervisor the clients that look like one person, each a link to its card', async () => {
  const c = await newCompany()
  for (const [name, phone] of [['Анна Смирнова', '+7 916 555-44-33'], ['Анна', '8 (916) 555 44 33'], ['Пётр', '+7 903 000-00-00']]) {
    await callApi(c.admin, 'POST', '/clients', { name, phone })
  }
  const { user, router } = renderApp('/dialogs', { as: c.supervisor })
  await user.click(await screen.findByRole('link', { name: 'Дубликаты' }))
  const groups = await screen.findByRole('list', { name: 'Похожие клиенты' })
  const [group] = within(groups).getAllByRole('listitem')
  expect(within(group!).getByText('один телефон')).toBeInTheDocument()
  expect(within(group!).getAllByRole('link').map((a) => a.textContent)).toEqual(['Анна Смирнова', 'Анна'])
  expect(within(groups).queryByText('Пётр')).toBeNull()
  await user.click(within(group!).getByRole('link', { name: 'Анна' }))
  expect(router.state.location.pathname).toMatch(/^\/clients\//)
})
