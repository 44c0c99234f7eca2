import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callApi, newCompany, renderApp, startDialogue } from '../support/web-render'

describe('clients', () => {
  it('lists and searches clients, and opens a client’s card with their dialogues', async () => {
    const c = await newCompany()
    const s = await startDialogue(c.admin, { externalId: 'crm-77', name: 'Дарья Смирнова' }, 'Первый вопрос')
    await callApi(c.admin, 'PATCH', `/clients/${s.clientId}`, { phone: '+7 900 123-45-67', email: 'daria@example.ru' })
    await startDialogue(c.admin, { externalId: 'crm-78', name: 'Егор' }, 'Другой вопрос')

    const { user } = renderApp('/clients', { as: c.operator })
    const clientLinks = () => within(screen.getByRole('grid', { name: 'Клиенты' })).getAllByRole('link')
    await waitFor(() => expect(clientLinks()).toHaveLength(2))
    await user.type(screen.getByRole('searchbox', { name: 'Поиск клиентов' }), '123-45')
    await waitFor(() =>
      expect(clientLinks()).toEqual([
        expect.objectContaining({ textContent: expect.stringMatching(/Дарья Смирнова/) }),
      ]),
    )

    await user.click(clientLinks()[0]!)
    const card = await screen.findByRole('region', { name: 'О клиенте' })
    expect(await within(card).findByText('8 (900) 123-45-67')).toBeInTheDocument()
    expect(within(card).getByText('daria@example.ru')).toBeInTheDocument()
    expect(within(card).getByText('crm-77')).toBeInTheDocument()

    await user.click(await within(card).findByRole('link', { name: /Первый вопрос/ }))
    expect(await screen.findByRole('heading', { name: 'Дарья Смирнова' })).toBeInTheDocument()
  })

  it('shows the "О клиенте" panel next to a dialogue with the client’s other dialogues', async () => {
    const c = await newCompany()
    const earlier = await startDialogue(c.admin, { externalId: 'ret', name: 'Инна' }, 'Давний вопрос')
    await callApi(c.admin, 'DELETE', `/sessions/${earlier.id}`)
    const now = await startDialogue(c.admin, { externalId: 'ret' }, 'Я снова с вопросом')

    const { user } = renderApp(`/dialogs/${now.id}`, { as: c.operator })
    const card = await screen.findByRole('region', { name: 'О клиенте' })
    const current = await within(card).findByRole('link', { name: /Я снова с вопросом/ })
    expect(current).toHaveAttribute('aria-current', 'page')
    const [other] = within(card)
      .getAllByRole('link')
      .filter((link) => link !== current)
    expect(other).toHaveTextContent('Закрыт')
    await user.click(other!)
    expect(
      await within(await screen.findByRole('log', { name: 'Сообщения' })).findByText('Давний вопрос'),
    ).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Ответ клиенту' })).toBeDisabled()
  })

  it('says "Клиент не найден" once for a client of another company or none at all', async () => {
    const [c, other] = [await newCompany(), await newCompany()]
    const theirs = await startDialogue(other.admin, { externalId: 'elsewhere', name: 'Чужой' }, 'Привет')
    for (const id of [theirs.clientId, crypto.randomUUID()]) {
      const { router } = renderApp(`/clients/${id}`, { as: c.supervisor })
      expect(await screen.findByRole('heading', { name: 'Клиент не найден' })).toBeInTheDocument()
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
      expect(screen.queryByText('Чужой')).not.toBeInTheDocument()
      router.dispose()
    }
  })
})
