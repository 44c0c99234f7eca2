import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp } from '../support/web-render'

const csv = (lines: string[]) => new File([lines.join('\r\n')], 'clients.csv', { type: 'text/csv' })

it('checks a file before importing, lets the admin map a column, imports it and undoes it', async () => {
  const c = await newCompany()
  const city = await callApi<{ id: string }>(c.admin, 'POST', '/clients/attributes', { name: 'Город' })
  await callApi(c.admin, 'POST', '/clients', { name: 'Вера', externalId: 'crm-7' })
  const { user } = renderApp('/dialogs', { as: c.admin })
  await user.click(await screen.findByRole('link', { name: 'Импорт' }))
  await user.upload(
    await screen.findByLabelText('CSV-файл'),
    csv(['Имя;Телефон;Откуда;Внешний ID', 'Анна;+7 916 000-00-01;Казань;', 'Борис;не телефон;Уфа;', 'Вера К.;;;crm-7']),
  )

  expect(await screen.findByText(/Проверка файла: строк 3 · будет создано 1/)).toBeInTheDocument()
  // The preview names the card each row goes to: a new one, none (an error), an existing one.
  const preview = screen.getByRole('table', { name: 'Первые строки файла и куда идёт каждый столбец' })
  expect(
    within(preview)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[0]!.textContent),
  ).toEqual(['новая', '—', 'crm-7'])
  expect(screen.getByText('Строка 3')).toBeInTheDocument()
  expect(screen.getByText(/«Откуда»: Нет такого поля или параметра/)).toBeInTheDocument()
  // A dry run writes nothing: only Вера, who was there before.
  expect(await callApi<{ count: number }>(c.operator, 'GET', '/clients')).toMatchObject({ count: 1 })

  await user.selectOptions(screen.getByRole('combobox', { name: 'Куда загрузить столбец «Откуда»' }), 'Город')
  expect(await screen.findByText('Ошибки: 1')).toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: 'Импортировать' }))
  expect(await screen.findByText(/Импорт завершён: строк 3 · создано 1/)).toBeInTheDocument()
  const anna = (await callApi<{ items: { id: string; name: string }[] }>(c.operator, 'GET', '/clients')).items.find(
    (x) => x.name === 'Анна',
  )
  expect(anna).toMatchObject({ name: 'Анна' })
  const values = await callApi<{ items: { id: string; value: string | null }[] }>(
    c.operator,
    'GET',
    `/clients/${anna!.id}/attributes`,
  )
  expect(values.items.find((a) => a.id === city.id)?.value).toBe('Казань')

  // Undoing deletes cards: it asks first.
  await user.click(screen.getByRole('button', { name: 'Отменить импорт' }))
  const ask = await screen.findByRole('dialog', { name: 'Отменить импорт?' })
  await user.click(within(ask).getByRole('button', { name: 'Отменить импорт' }))
  expect(await screen.findByText(/Импорт отменён: удалено клиентов 1/)).toBeInTheDocument()
  expect(await callApi<{ count: number }>(c.operator, 'GET', '/clients')).toMatchObject({ count: 1 })
  // The page lists it among the latest imports, with who ran it and that it was undone.
  const recent = within(await screen.findByRole('region', { name: 'Последние импорты' }))
  expect(await recent.findByText(/отменён/)).toBeInTheDocument()
  expect(screen.getByRole('region', { name: 'Последние импорты' })).toHaveTextContent(
    /создано 1, обновлено 1, пропущено 1/,
  )
})

it('says why a file is refused and offers no import', async () => {
  const c = await newCompany()
  const { user } = renderApp('/import', { as: c.admin })
  await user.upload(
    await screen.findByLabelText('CSV-файл'),
    new File([new Uint8Array([0xff, 0xfe, 0x41, 0, 0x42, 0])], 'utf16.csv', { type: 'text/csv' }),
  )
  expect(await screen.findByRole('alert')).toHaveTextContent('UTF-16')
  expect(screen.queryByRole('button', { name: 'Импортировать' })).toBeNull()
})

it('is for admins only', async () => {
  const c = await newCompany()
  renderApp('/import', { as: c.supervisor })
  expect(await screen.findByText('Раздел доступен только администраторам')).toBeInTheDocument()
  expect(within(screen.getByRole('navigation')).queryByRole('link', { name: 'Импорт' })).toBeNull()
})
