import { cleanup, screen, waitFor } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp } from '../support/web-render'

it('an admin lets operators download the directory and sets the country of phones; operators see «Экспорт CSV» only then', async () => {
  const c = await newCompany()
  await callApi(c.admin, 'POST', '/clients', { name: 'Вера' })
  renderApp('/clients', { as: c.operator })
  expect(await screen.findByRole('link', { name: 'Вера' })).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: /Экспорт CSV/ })).toBeNull()
  cleanup()

  const { user } = renderApp('/catalog/company', { as: c.admin })
  const allow = await screen.findByRole('checkbox', { name: /Операторы могут выгружать клиентов в CSV/ })
  expect(allow).not.toBeChecked()
  await user.click(allow)
  expect(await screen.findByText('Операторы могут выгружать клиентов')).toBeInTheDocument()
  await user.selectOptions(screen.getByRole('combobox', { name: 'Страна телефонов' }), 'Беларусь')
  expect(await screen.findByText('Страна телефонов: Беларусь')).toBeInTheDocument()
  await waitFor(async () =>
    expect(await callApi(c.admin, 'GET', '/company')).toMatchObject({ operatorsExport: true, phoneCountry: 'BY' }),
  )
  cleanup()

  renderApp('/clients', { as: c.operator })
  expect(await screen.findByRole('button', { name: /Экспорт CSV/ })).toBeInTheDocument()
})
