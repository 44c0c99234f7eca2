import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { newCompany, renderApp, startDialogue } from '../support/web-render'

describe('keys', () => {
  it('lists the panel\'s keys on "?" outside a text field, and not while typing a reply', async () => {
    const c = await newCompany()
    const session = await startDialogue(c.admin, { externalId: 'keys-1', name: 'Клавиатурный' }, 'Привет')
    const { user } = renderApp(`/dialogs/${session.id}`, { as: c.operator })
    const composer = await screen.findByRole('textbox', { name: 'Ответ клиенту' })
    await user.type(composer, 'Что?')
    expect(composer).toHaveValue('Что?')
    expect(screen.queryByRole('dialog', { name: 'Клавиши' })).not.toBeInTheDocument()

    await user.click(screen.getByRole('heading', { name: 'Клавиатурный' }))
    await user.keyboard('?')
    const help = await screen.findByRole('dialog', { name: 'Клавиши' })
    for (const key of ['Alt+K', 'Alt+G', 'Alt+R', 'Alt+N']) expect(within(help).getByText(key)).toBeInTheDocument()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Клавиши' })).not.toBeInTheDocument())
    await user.click(screen.getByRole('button', { name: 'Клавиши' }))
    expect(await screen.findByRole('dialog', { name: 'Клавиши' })).toBeInTheDocument()
  })
})
