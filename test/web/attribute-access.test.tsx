import { screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { callApi, renderApp } from '../support/web-render'
import { card, historyOf, scene, setValue, valueOf } from './attributes-scene'

it('shows an operator a supervisor-only parameter read-only, with a lock saying who changes it', async () => {
  const {
    c,
    ids: [risk],
    clientId,
    sessionId,
  } = await scene([{ name: 'Уровень риска', pinned: true }])
  await callApi(c.admin, 'PATCH', `/clients/attributes/${risk}`, { editableBy: 'supervisor' })
  await setValue(c.supervisor, clientId, risk!, 'высокий')
  renderApp(`/dialogs/${sessionId}`, { as: c.operator })
  const aside = await card()
  expect(await within(aside).findByRole('img', { name: 'Меняют руководители и администраторы' })).toBeInTheDocument()
  expect(within(aside).getByText('высокий')).toBeInTheDocument()
  expect(within(aside).queryByRole('button', { name: /^Уровень риска/ })).toBeNull()
  expect(within(aside).queryByRole('button', { name: 'Очистить: Уровень риска' })).toBeNull()
})

it('asks before changing a value an integration keeps, and records the change as an override', async () => {
  const {
    c,
    ids: [score],
    clientId,
    sessionId,
  } = await scene([{ name: 'Скоринг', type: 'number', pinned: true }])
  await callApi(c.admin, 'PATCH', `/clients/attributes/${score}`, { editableBy: 'api' })
  await setValue(c.admin, clientId, score!, '700')
  const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
  await user.click(await within(await card()).findByRole('button', { name: 'Скоринг: 700' }))
  await user.type(await screen.findByRole('textbox', { name: 'Скоринг' }), '{Control>}a{/Control}650{Enter}')
  const ask = await screen.findByRole('alert')
  expect(ask).toHaveTextContent('ведёт интеграция')
  await user.click(within(ask).getByRole('button', { name: 'Изменить всё равно' }))
  await waitFor(async () => expect((await valueOf(c.operator, clientId, score!)).value).toBe('650'))
  expect((await historyOf(c.admin, clientId, score!)).items[0]).toMatchObject({ newValue: '650', source: 'override' })
})
