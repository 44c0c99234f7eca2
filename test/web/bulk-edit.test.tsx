import { screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { addManyClients, callApi, crashDuringBulkEdits, newCompany, renderApp } from '../support/web-render'

type Tagged = { items: { name: string; tags: { name: string }[] }[] }
const tagsByName = async (c: Awaited<ReturnType<typeof newCompany>>) =>
  Object.fromEntries(
    (await callApi<Tagged>(c.operator, 'GET', '/clients?sort=name')).items.map((x) => [
      x.name,
      x.tags.map((t) => t.name),
    ]),
  )

it('tags the ticked rows, then every client of the filter, and undoes it from the toast', async () => {
  const c = await newCompany()
  await callApi(c.admin, 'POST', '/clients/tags', { tag: 'ВИП' })
  for (const name of ['Анна', 'Борис', 'Вера', 'Глеб'])
    await callApi(c.admin, 'POST', '/clients', { name, phone: name === 'Глеб' ? '+7 900 000-00-01' : undefined })
  const { user } = renderApp('/clients?sort=name', { as: c.supervisor })
  const grid = await screen.findByRole('grid', { name: 'Клиенты' })
  await within(grid).findByText('Анна')

  await user.click(within(grid).getByRole('checkbox', { name: 'Выбрать: Анна' }))
  await user.click(within(grid).getByRole('checkbox', { name: 'Выбрать: Вера' }))
  const bar = screen.getByRole('region', { name: 'Выбранные клиенты' })
  expect(bar).toHaveTextContent('Выбрано: 2')
  await user.click(within(bar).getByRole('button', { name: 'Добавить тег' }))
  let dialog = await screen.findByRole('dialog', { name: 'Добавить тег' })
  await user.selectOptions(
    within(dialog).getByLabelText('Тег клиента'),
    await within(dialog).findByRole('option', { name: 'ВИП' }),
  )
  await user.click(within(dialog).getByRole('button', { name: 'Добавить тег 2 клиентам' }))
  expect(await screen.findByText('Добавить тег: изменено 2 из 2')).toBeInTheDocument()
  expect(await tagsByName(c)).toEqual({ Анна: ['ВИП'], Борис: [], Вера: ['ВИП'], Глеб: [] })

  // Ticking one row offers the whole filter; the operator sees none of this.
  await user.click(within(grid).getByRole('checkbox', { name: 'Выбрать: Борис' }))
  await user.click(screen.getByRole('button', { name: 'Выбрать все 4 по фильтру' }))
  expect(screen.getByRole('region', { name: 'Выбранные клиенты' })).toHaveTextContent('Выбраны все по фильтру: 4')
  await user.click(
    within(screen.getByRole('region', { name: 'Выбранные клиенты' })).getByRole('button', { name: 'Добавить тег' }),
  )
  dialog = await screen.findByRole('dialog', { name: 'Добавить тег' })
  await user.selectOptions(
    within(dialog).getByLabelText('Тег клиента'),
    await within(dialog).findByRole('option', { name: 'ВИП' }),
  )
  await user.click(within(dialog).getByRole('button', { name: 'Добавить тег 4 клиентам' }))
  expect(await screen.findByText('Добавить тег: изменено 2 из 4')).toBeInTheDocument()
  expect(Object.values(await tagsByName(c))).toEqual([['ВИП'], ['ВИП'], ['ВИП'], ['ВИП']])

  const toast = screen.getByText('Добавить тег: изменено 2 из 4').closest('li')!
  await user.click(within(toast).getByRole('button', { name: 'Отменить' }))
  expect(await screen.findByText('Изменение отменено')).toBeInTheDocument()
  expect(await tagsByName(c)).toEqual({ Анна: ['ВИП'], Борис: [], Вера: ['ВИП'], Глеб: [] })
})

it('keeps the choice and says why when the service refuses the value', async () => {
  const c = await newCompany()
  await callApi(c.admin, 'POST', '/clients/attributes', { name: 'Возраст', type: 'number' })
  await callApi(c.admin, 'POST', '/clients', { name: 'Анна' })
  const { user } = renderApp('/clients', { as: c.admin })
  const grid = await screen.findByRole('grid', { name: 'Клиенты' })
  await user.click(await within(grid).findByRole('checkbox', { name: 'Выбрать все загруженные строки' }))
  await user.click(
    within(screen.getByRole('region', { name: 'Выбранные клиенты' })).getByRole('button', { name: 'Задать параметр' }),
  )
  const dialog = await screen.findByRole('dialog', { name: 'Задать параметр' })
  await user.selectOptions(
    within(dialog).getByLabelText('Параметр'),
    await within(dialog).findByRole('option', { name: 'Возраст' }),
  )
  await user.type(within(dialog).getByLabelText('Значение'), 'сорок')
  await user.click(within(dialog).getByRole('button', { name: 'Задать параметр 1 клиенту' }))
  expect(await within(dialog).findByRole('alert')).toHaveTextContent('Возраст')
  expect(within(dialog).getByLabelText('Значение')).toHaveValue('сорок')
})

it('offers no tick boxes to an operator', async () => {
  const c = await newCompany()
  await callApi(c.admin, 'POST', '/clients', { name: 'Анна' })
  renderApp('/clients', { as: c.operator })
  const grid = await screen.findByRole('grid', { name: 'Клиенты' })
  await within(grid).findByText('Анна')
  expect(within(grid).queryByRole('checkbox')).toBeNull()
})

it('offers to resume a bulk edit the service stopped midway, and finishes it', async () => {
  const c = await newCompany()
  const vip = await callApi<{ id: string }>(c.admin, 'POST', '/clients/tags', { tag: 'ВИП' })
  for (const name of ['Анна', 'Борис']) await callApi(c.admin, 'POST', '/clients', { name })
  await callApi(c.supervisor, 'POST', '/clients/bulk', { filter: {}, addTags: [vip.id] })
  const [borisId] = (
    await callApi<{ items: { id: string; name: string }[] }>(c.operator, 'GET', '/clients?sort=name')
  ).items
    .filter((x) => x.name === 'Борис')
    .map((x) => x.id)
  await callApi(c.operator, 'DELETE', `/clients/${borisId}/tags/${vip.id}`)
  await crashDuringBulkEdits(c)

  const { user } = renderApp('/clients?sort=name', { as: c.supervisor })
  const notice = await screen.findByRole('region', { name: 'Прерванные массовые изменения' })
  expect(notice).toHaveTextContent('обработано 0 из 2 клиентов')
  await user.click(within(notice).getByRole('button', { name: 'Продолжить' }))
  expect(await screen.findByText('Массовое изменение завершено, изменено клиентов: 1')).toBeInTheDocument()
  expect(await tagsByName(c)).toEqual({ Анна: ['ВИП'], Борис: ['ВИП'] })
  await waitFor(() =>
    expect(screen.queryByRole('region', { name: 'Прерванные массовые изменения' })).not.toBeInTheDocument(),
  )
})

it('says «более 10 000» for a broad filter, and counts exactly once every client of it is chosen', async () => {
  const c = await newCompany()
  await addManyClients(c, 10_025)
  const { user } = renderApp('/clients?sort=name', { as: c.supervisor })
  const grid = await screen.findByRole('grid', { name: 'Клиенты' })
  expect(await screen.findByText('Найдено: более 10 000')).toBeInTheDocument()

  await user.click(await within(grid).findByRole('checkbox', { name: 'Выбрать: Клиент 1' }))
  await user.click(screen.getByRole('button', { name: /^Выбрать все более 10\s000 по фильтру$/ }))
  const bar = screen.getByRole('region', { name: 'Выбранные клиенты' })
  await waitFor(() => expect(bar).toHaveTextContent('Выбраны все по фильтру: 10 025'))
  await user.click(within(bar).getByRole('button', { name: 'Добавить тег' }))
  const dialog = await screen.findByRole('dialog', { name: 'Добавить тег' })
  expect(within(dialog).getByText('Все клиенты по фильтру: 10 025.')).toBeInTheDocument()
})
