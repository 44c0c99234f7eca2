import { cleanup, screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

it('an admin makes a required single-choice session group, and closing a dialogue asks for one of its tags', async () => {
  const c = await newCompany()
  const { user } = renderApp('/catalog/session-tags', { as: c.admin })
  const groups = await screen.findByRole('group', { name: 'Группы тегов' })
  await user.click(within(groups).getByRole('button', { name: 'Группа' }))
  const dialog = await screen.findByRole('dialog', { name: 'Новая группа тегов' })
  await user.type(within(dialog).getByLabelText('Название'), 'Оплата')
  await user.click(within(dialog).getByRole('checkbox', { name: 'Обязательна при закрытии диалога' }))
  await user.click(within(dialog).getByRole('button', { name: 'Создать' }))
  expect(await within(groups).findByText('обязательна при закрытии')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Новый тег' }))
  const form = await screen.findByRole('dialog', { name: /Новый/ })
  await user.type(within(form).getByLabelText('Название'), 'кредит')
  await user.selectOptions(await within(form).findByLabelText('Группа'), 'Оплата (один из)')
  await user.click(within(form).getByRole('button', { name: 'Создать' }))
  expect(await screen.findByText('Тег «кредит» создан')).toBeInTheDocument()
  // The table names each tag's group.
  const row = (await screen.findByText('кредит', { selector: 'span' })).closest('tr')!
  expect(within(row).getAllByRole('cell')[1]).toHaveTextContent('Оплата')

  cleanup()
  await callApi(c.admin, 'POST', '/sessions/tags', { name: 'жалоба', color: 'red' })
  const session = await startDialogue(c.admin, { externalId: 'pay-1', name: 'Инна' }, 'Хочу в кредит')
  const operator = renderApp(`/dialogs/${session.id}`, { as: c.operator })
  // The card's picker lists tags under their group's name, the ungrouped ones last.
  await operator.user.click(await screen.findByRole('button', { name: 'Выбрать: теги сессии' }))
  const picker = await screen.findByRole('dialog', { name: 'Теги сессии' })
  const headings = await within(picker).findAllByText(/^(Оплата|Без группы)$/)
  expect(headings.map((h) => h.textContent)).toEqual(['Оплата', 'Без группы'])
  expect(within(headings[0]!.parentElement!).getByRole('option', { name: /кредит/ })).toBeInTheDocument()
  expect(within(headings[1]!.parentElement!).getByRole('option', { name: /жалоба/ })).toBeInTheDocument()
  await operator.user.keyboard('{Escape}')
  await operator.user.click(await screen.findByRole('button', { name: 'Закрыть диалог' }))
  const ask = await screen.findByRole('dialog', { name: 'Перед закрытием заполните' })
  await operator.user.selectOptions(
    await within(ask).findByLabelText('Оплата'),
    await within(ask).findByRole('option', { name: 'кредит' }),
  )
  await operator.user.click(within(ask).getByRole('button', { name: 'Заполнить и закрыть' }))
  expect(await screen.findByText('Диалог закрыт')).toBeInTheDocument()
  const tags = await callApi<{ items: { name: string }[] }>(c.operator, 'GET', `/sessions/${session.id}/tags`)
  expect(tags.items.map((t) => t.name)).toEqual(['кредит'])
})
