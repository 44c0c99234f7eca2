import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

it("«Ожидают» lists the dialogues nobody took with their waiting time; «Взять» makes one the operator's, and a late taker hears who has it", async () => {
  const c = await newCompany()
  const first = await startDialogue(c.admin, { externalId: 'w-1', name: 'Первая' }, 'Есть кто?')
  const second = await startDialogue(c.admin, { externalId: 'w-2', name: 'Вторая' }, 'Алло')
  const assigned = await startDialogue(c.admin, { externalId: 'w-3', name: 'Занятая' }, 'Привет')
  await callApi(c.admin, 'PATCH', `/sessions/${assigned.id}/operators/${c.supervisor.id}`)

  const { user } = renderApp('/dialogs', { as: c.operator })
  // The tab says how many dialogues have unread messages.
  await waitFor(() => expect(document.title).toBe('(3) Kartoteka'))
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Статус' }), 'Ожидают')
  const list = await screen.findByRole('list', { name: 'Диалоги' })
  await waitFor(() =>
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([expect.stringContaining('Первая'), expect.stringContaining('Вторая')]),
  )
  expect(within(list).getAllByRole('link')[0]).toHaveTextContent('ждёт меньше минуты')

  await user.click(within(list).getByRole('link', { name: /Первая/ }))
  const take = await screen.findByRole('button', { name: 'Взять' })
  expect(take).toHaveAttribute('aria-keyshortcuts', 'Alt+B')
  await user.click(take)
  expect(await screen.findByText(`Оператор: ${c.operator.name}`)).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: 'Взять' })).toBeNull()
  await waitFor(() =>
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([expect.stringContaining('Вторая')]),
  )
  // Opening it read it: one fewer in the tab's title.
  await waitFor(() => expect(document.title).toBe('(2) Kartoteka'))

  // The second: a colleague takes it while the operator looks at it, then Alt+B says who has it.
  await user.click(within(list).getByRole('link', { name: /Вторая/ }))
  await screen.findByRole('button', { name: 'Взять' })
  await callApi(c.supervisor, 'POST', `/sessions/${second.id}/take`)
  fireEvent.keyDown(document, { code: 'KeyB', key: 'и', altKey: true })
  expect(await screen.findByText(`Диалог уже взял ${c.supervisor.name}`)).toBeInTheDocument()
  expect(await screen.findByText(`Оператор: ${c.supervisor.name}`)).toBeInTheDocument()
  expect((await callApi<{ operatorId: string }>(c.operator, 'GET', `/sessions/${first.id}`)).operatorId).toBe(
    c.operator.id,
  )
})
