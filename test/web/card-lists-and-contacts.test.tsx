import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callApi, renderApp } from '../support/web-render'
import { card, scene, setValue, valueOf } from './attributes-scene'

type Client = { name: string | null; phone: string | null; email: string | null }
type Change = { kind: string; field: string | null; oldValue: string | null; newValue: string | null; source: string }

describe('"О клиенте": multi-select parameters', () => {
  it('ticks several options and saves them with Enter; the card lists them in catalog order', async () => {
    const {
      c,
      ids: [hobbies],
      clientId,
      sessionId,
    } = await scene([{ name: 'Интересы', type: 'multiselect', options: ['Спорт', 'Музыка', 'Кино'], pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Интересы: не заполнено' }))
    const group = within(aside).getByRole('group', { name: 'Интересы' })
    await waitFor(() => expect(within(group).getByRole('checkbox', { name: 'Спорт' })).toHaveFocus())
    await user.click(within(group).getByRole('checkbox', { name: 'Кино' }))
    await user.click(within(group).getByRole('checkbox', { name: 'Спорт' }))
    await user.keyboard('{Enter}')
    expect(await within(aside).findByRole('button', { name: 'Интересы: Спорт, Кино' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, hobbies!)).value).toBe('["Спорт","Кино"]'))
  })
})

describe('Каталог → Параметры: options renamed and reordered', () => {
  it('renames an option in the edit dialog and the client\'s card follows, with a "каталог" history entry', async () => {
    const {
      c,
      ids: [city],
      clientId,
    } = await scene([{ name: 'Город', type: 'select', options: ['Москва', 'СПб'], pinned: true }])
    await setValue(c.operator, clientId, city!, 'СПб')
    const { user } = renderApp('/catalog/attributes', { as: c.admin })
    await user.click(await screen.findByRole('button', { name: 'Изменить: Город' }))
    const form = await screen.findByRole('dialog', { name: 'Изменить «Город»' })
    const second = within(form).getByRole('textbox', { name: 'Вариант 2' })
    await user.clear(second)
    await user.type(second, 'Санкт-Петербург')
    // Moved to the top: the order the operator will see.
    await user.click(within(form).getByRole('button', { name: 'Выше: вариант 2' }))
    expect(within(form).getByRole('textbox', { name: 'Вариант 1' })).toHaveValue('Санкт-Петербург')
    await user.click(within(form).getByRole('button', { name: 'Сохранить' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await screen.findByText('Варианты: Санкт-Петербург, Москва')).toBeInTheDocument()
    expect((await valueOf(c.operator, clientId, city!)).value).toBe('Санкт-Петербург')
    const history = await callApi<{ items: Change[] }>(c.supervisor, 'GET', `/clients/${clientId}/history`)
    expect(history.items[0]).toMatchObject({ oldValue: 'СПб', newValue: 'Санкт-Петербург', source: 'catalog' })
  })

  it('says which option already exists when a rename clashes, and keeps the dialog as typed', async () => {
    const {
      c,
      ids: [city],
    } = await scene([{ name: 'Город', type: 'select', options: ['Москва', 'Казань'] }])
    // Another admin adds "Сочи" while this one has the dialog open.
    const { user } = renderApp('/catalog/attributes', { as: c.admin })
    await user.click(await screen.findByRole('button', { name: 'Изменить: Город' }))
    const form = await screen.findByRole('dialog', { name: 'Изменить «Город»' })
    await callApi(c.admin, 'PATCH', `/clients/attributes/${city}`, { options: ['Москва', 'Казань', 'Сочи'] })
    const second = within(form).getByRole('textbox', { name: 'Вариант 2' })
    await user.clear(second)
    await user.type(second, 'Сочи')
    await user.click(within(form).getByRole('button', { name: 'Сохранить' }))
    expect(await within(form).findByText('Вариант «Сочи» уже есть')).toBeInTheDocument()
    expect(second).toHaveValue('Сочи')
  })
})

describe('"О клиенте": the client\'s name, phone and email', () => {
  it('edits them on the card; the history names each change, and a phone with letters is refused with the text kept', async () => {
    const { c, clientId, sessionId } = await scene([])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Изменить имя, телефон и почту' }))
    const form = await screen.findByRole('dialog', { name: 'Данные клиента' })
    const name = within(form).getByRole('textbox', { name: 'Имя' })
    expect(name).toHaveValue('Ольга')
    await user.clear(name)
    await user.type(name, 'Ольга Смирнова')
    await user.type(within(form).getByRole('textbox', { name: 'Телефон' }), '8 916 12З-45-67')
    await user.click(within(form).getByRole('button', { name: 'Сохранить' }))
    expect(await within(form).findByText(/Некорректный телефон/)).toBeInTheDocument()
    expect(within(form).getByRole('textbox', { name: 'Телефон' })).toHaveValue('8 916 12З-45-67')
    expect(name).toHaveValue('Ольга Смирнова')

    const phone = within(form).getByRole('textbox', { name: 'Телефон' })
    await user.clear(phone)
    await user.type(phone, '+79161234567')
    await user.click(within(form).getByRole('button', { name: 'Сохранить' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await within(aside).findByText('Ольга Смирнова')).toBeInTheDocument()
    expect(within(aside).getByText('8 (916) 123-45-67')).toBeInTheDocument()
    // The dialogue's header takes the new name at once, not after a reload.
    expect(screen.getByRole('heading', { level: 2, name: 'Ольга Смирнова' })).toBeInTheDocument()
    expect(await callApi<Client>(c.operator, 'GET', `/clients/${clientId}`)).toMatchObject({
      name: 'Ольга Смирнова',
      phone: '+79161234567',
      email: null,
    })
    const history = await callApi<{ items: Change[] }>(c.supervisor, 'GET', `/clients/${clientId}/history`)
    expect(history.items.map((h) => [h.field, h.oldValue, h.newValue, h.source]).sort()).toEqual([
      ['name', 'Ольга', 'Ольга Смирнова', 'panel'],
      ['phone', null, '+79161234567', 'panel'],
    ])
  })
})
