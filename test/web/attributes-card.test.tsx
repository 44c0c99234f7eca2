import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/web-render'
import { card, historyOf, scene, setValue, valueOf } from './attributes-scene'

describe('"О клиенте": attribute values', () => {
  it('adds an attribute through the picker and saves its value on Enter', async () => {
    const {
      c,
      ids: [hobby],
      clientId,
      sessionId,
    } = await scene([{ name: 'Увлечение' }, { name: 'Город', pinned: true }, { name: 'Возраст', type: 'number' }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    // Pinned attributes show even while empty; the others wait in the picker.
    expect(await within(aside).findByRole('button', { name: 'Город: не заполнено' })).toBeInTheDocument()
    expect(within(aside).queryByRole('button', { name: /^Увлечение/ })).not.toBeInTheDocument()

    await user.click(within(aside).getByRole('button', { name: 'Добавить параметр' }))
    const search = await screen.findByRole('combobox', { name: 'Найти параметр' })
    expect(screen.queryByRole('option', { name: /Город/ })).not.toBeInTheDocument()
    await user.type(search, 'увле')
    expect(screen.queryByRole('option', { name: /Возраст/ })).not.toBeInTheDocument()
    await user.keyboard('{Enter}')

    const input = await within(aside).findByRole('textbox', { name: 'Увлечение' })
    await waitFor(() => expect(input).toHaveFocus())
    await user.type(input, 'рыбалка{Enter}')
    expect(await within(aside).findByRole('button', { name: 'Увлечение: рыбалка' })).toHaveFocus()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, hobby!)).value).toBe('рыбалка'))
    const history = await historyOf(c.admin, clientId, hobby!)
    expect(history.items).toEqual([expect.objectContaining({ oldValue: null, newValue: 'рыбалка', source: 'panel' })])

    await user.click(within(aside).getByRole('button', { name: 'История: Увлечение' }))
    const popover = await screen.findByRole('dialog', { name: 'История: Увлечение' })
    expect(await within(popover).findByText(/панель/)).toHaveTextContent(`${c.operator.name} · панель`)
    expect(within(popover).getByText(/только что/)).toHaveTextContent(/только что, \d{1,2} [а-я]+ \d{4}, \d{2}:\d{2}/)
    expect(within(popover).getByText('рыбалка', { exact: false })).toHaveTextContent('не заполнено → рыбалка')
    // The operator's own save is not marked as someone else's change.
    expect(within(aside).getByRole('button', { name: 'Увлечение: рыбалка' }).closest('li')).not.toHaveTextContent(
      'изменено',
    )
  })

  it("puts an earlier value back from the card's history popover, after asking (supervisors; operators only read)", async () => {
    const {
      c,
      ids: [hobby],
      clientId,
      sessionId,
    } = await scene([{ name: 'Увлечение', pinned: true }])
    await setValue(c.operator, clientId, hobby!, 'рыбалка')
    await setValue(c.operator, clientId, hobby!, 'охота')
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.supervisor })
    const aside = await card()
    const historyButton = await within(aside).findByRole('button', { name: 'История: Увлечение' })
    await user.click(historyButton)
    const popover = await screen.findByRole('dialog', { name: 'История: Увлечение' })
    await user.click(await within(popover).findByRole('button', { name: 'Вернуть «рыбалка»' }))
    // The popover gives way to the confirmation, which is not hidden under it.
    const confirm = await screen.findByRole('dialog', { name: 'Вернуть «рыбалка»?' })
    expect(screen.queryByRole('dialog', { name: 'История: Увлечение' })).not.toBeInTheDocument()
    await user.click(within(confirm).getByRole('button', { name: 'Вернуть' }))
    expect(await within(aside).findByRole('button', { name: 'Увлечение: рыбалка' })).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await waitFor(() => expect(within(aside).getByRole('button', { name: 'История: Увлечение' })).toHaveFocus())
    expect((await valueOf(c.operator, clientId, hobby!)).value).toBe('рыбалка')
    expect((await historyOf(c.admin, clientId, hobby!)).items[0]).toMatchObject({
      oldValue: 'охота',
      newValue: 'рыбалка',
    })
  })

  it("gives operators the card's history popover without «Вернуть»", async () => {
    const {
      c,
      ids: [hobby],
      clientId,
      sessionId,
    } = await scene([{ name: 'Увлечение', pinned: true }])
    await setValue(c.admin, clientId, hobby!, 'рыбалка')
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    await user.click(await within(await card()).findByRole('button', { name: 'История: Увлечение' }))
    const popover = await screen.findByRole('dialog', { name: 'История: Увлечение' })
    expect(await within(popover).findByText('рыбалка', { exact: false })).toHaveTextContent('не заполнено → рыбалка')
    expect(within(popover).queryByRole('button', { name: /Вернуть/ })).not.toBeInTheDocument()
  })

  it('keeps a value that does not fit its type in the input, with the reason', async () => {
    const {
      c,
      ids: [age],
      clientId,
      sessionId,
    } = await scene([{ name: 'Возраст', type: 'number', pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    await user.click(await within(await card()).findByRole('button', { name: 'Возраст: не заполнено' }))
    const input = await screen.findByRole('textbox', { name: 'Возраст' })
    expect(input).toHaveAttribute('inputmode', 'decimal')
    await user.type(input, 'abc{Enter}')

    expect(input).toHaveValue('abc')
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(input).toHaveAccessibleDescription('Ожидается число, например 42 или 3,14')
    expect(screen.getByRole('alert')).toHaveTextContent('Ожидается число')
    await user.clear(input)
    await user.type(input, '42{Enter}')
    expect(await screen.findByRole('button', { name: 'Возраст: 42' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, age!)).value).toBe('42'))
  })

  it('saves on leaving the field, and Esc drops the edit', async () => {
    const {
      c,
      ids: [city, hobby],
      clientId,
      sessionId,
    } = await scene([{ name: 'Город', pinned: true }, { name: 'Увлечение' }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Город: не заполнено' }))
    await user.type(within(aside).getByRole('textbox', { name: 'Город' }), 'Казань')
    await user.click(within(aside).getByRole('heading', { name: 'Параметры' }))
    expect(await within(aside).findByRole('button', { name: 'Город: Казань' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, city!)).value).toBe('Казань'))

    await user.click(within(aside).getByRole('button', { name: 'Город: Казань' }))
    await user.clear(within(aside).getByRole('textbox', { name: 'Город' }))
    await user.type(within(aside).getByRole('textbox', { name: 'Город' }), 'Омск{Escape}')
    expect(within(aside).getByRole('button', { name: 'Город: Казань' })).toHaveFocus()

    // A picked attribute left empty with Esc goes back to the picker.
    await user.click(within(aside).getByRole('button', { name: 'Добавить параметр' }))
    await user.type(await screen.findByRole('combobox', { name: 'Найти параметр' }), 'Увлечение{Enter}')
    await user.keyboard('{Escape}')
    expect(within(aside).queryByRole('textbox', { name: 'Увлечение' })).not.toBeInTheDocument()
    expect(within(aside).getByRole('button', { name: 'Добавить параметр' })).toHaveFocus()
    expect((await valueOf(c.operator, clientId, city!)).value).toBe('Казань')
    expect((await valueOf(c.operator, clientId, hobby!)).version).toBe(0)
  })

  it('shows dates in Russian, phones grouped, links by their host and path, and mail, phone and web values as links', async () => {
    const attributes = [
      { name: 'День рождения', type: 'date' },
      { name: 'Почта для счетов', type: 'email' },
      { name: 'Рабочий телефон', type: 'phone' },
      { name: 'Сайт', type: 'link' },
    ]
    const { c, ids, clientId, sessionId } = await scene(attributes)
    const values = ['2024-03-12', 'buh@example.ru', '+7 (900) 123-45-67', 'example.ru/shop']
    for (const [i, id] of ids.entries()) await setValue(c.admin, clientId, id, values[i]!)
    renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()

    expect(await within(aside).findByRole('button', { name: 'День рождения: 12 марта 2024' })).toBeInTheDocument()
    expect(within(aside).getByRole('link', { name: 'buh@example.ru' })).toHaveAttribute('href', 'mailto:buh@example.ru')
    // Stored as +79001234567 (E.164), shown the way people write it, with a copy button like the e-mail.
    expect(within(aside).getByRole('link', { name: '8 (900) 123-45-67' })).toHaveAttribute('href', 'tel:+79001234567')
    expect(within(aside).getByRole('button', { name: 'Скопировать: Телефон' })).toBeInTheDocument()
    expect(within(aside).getByRole('button', { name: 'Скопировать: Адрес почты' })).toBeInTheDocument()
    const site = within(aside).getByRole('link', { name: 'example.ru/shop' })
    expect(site).toHaveAttribute('href', 'https://example.ru/shop')
    expect(site).toHaveAttribute('target', '_blank')
    expect(site).toHaveAttribute('rel', 'noopener noreferrer')
    expect(within(aside).getByRole('button', { name: 'Изменить: Сайт' })).toBeInTheDocument()
  })

  it('toggles a yes/no attribute with a switch, saving at once', async () => {
    const {
      c,
      ids: [consent],
      clientId,
      sessionId,
    } = await scene([{ name: 'Согласие на рассылку', type: 'boolean', pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const toggle = await within(await card()).findByRole('switch', { name: 'Согласие на рассылку' })
    expect(toggle).toHaveAttribute('aria-checked', 'false')
    await user.click(toggle)
    expect(toggle).toHaveAttribute('aria-checked', 'true')
    await waitFor(async () => expect((await valueOf(c.operator, clientId, consent!)).value).toBe('true'))
  })

  it('saves a choice from a list as soon as it is picked', async () => {
    const {
      c,
      ids: [status],
      clientId,
      sessionId,
    } = await scene([{ name: 'Статус', type: 'select', options: ['Бронза', 'Золото'], pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Статус: не заполнено' }))
    await user.selectOptions(within(aside).getByRole('combobox', { name: 'Статус' }), 'Золото')
    expect(await within(aside).findByRole('button', { name: 'Статус: Золото' })).toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, status!)).value).toBe('Золото'))
  })

  it('shows markup and emoji in names and values as text', async () => {
    const name = '<b>Хобби</b> 🎯'
    const value = '<script>window.__hacked = 1</script><img src=x onerror="window.__hacked = 2"> 🎣 рыбалка'
    const {
      c,
      ids: [hobby],
      clientId,
      sessionId,
    } = await scene([{ name }])
    await setValue(c.admin, clientId, hobby!, value)
    renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    expect(await within(await card()).findByRole('button', { name: `${name}: ${value}` })).toHaveTextContent(value)
    expect(document.querySelector('aside script, aside img, aside b')).toBeNull()
    expect((window as { __hacked?: number }).__hacked).toBeUndefined()
  })
})

describe('"Очистить"', () => {
  it('removes a value at once and offers «Вернуть» in a toast, which writes it back', async () => {
    const {
      c,
      ids: [plan],
      clientId,
      sessionId,
    } = await scene([{ name: 'Тариф', pinned: true }])
    await setValue(c.operator, clientId, plan!, 'Премиум')
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Очистить: Тариф' }))
    expect(await within(aside).findByRole('button', { name: 'Тариф: не заполнено' })).toBeInTheDocument()
    const toastItem = (await screen.findByText('Значение «Тариф» удалено')).closest('li')!
    await waitFor(async () => expect((await valueOf(c.operator, clientId, plan!)).value).toBeNull())
    await user.click(within(toastItem).getByRole('button', { name: 'Вернуть' }))
    expect(await within(aside).findByRole('button', { name: 'Тариф: Премиум' })).toBeInTheDocument()
    expect(await valueOf(c.operator, clientId, plan!)).toMatchObject({ value: 'Премиум' })
    expect((await historyOf(c.admin, clientId, plan!)).items.map((h) => h.newValue)).toEqual([
      'Премиум',
      null,
      'Премиум',
    ])
  })

  it("follows the value's own save: clicked at once after Enter, it clears the value saved, with no conflict", async () => {
    const {
      c,
      ids: [plan],
      clientId,
      sessionId,
    } = await scene([{ name: 'Тариф', pinned: true }])
    const { user } = renderApp(`/dialogs/${sessionId}`, { as: c.operator })
    const aside = await card()
    await user.click(await within(aside).findByRole('button', { name: 'Тариф: не заполнено' }))
    await user.type(within(aside).getByRole('textbox', { name: 'Тариф' }), 'Премиум{Enter}')
    await user.click(await within(aside).findByRole('button', { name: 'Очистить: Тариф' }))
    expect(await screen.findByText('Значение «Тариф» удалено')).toBeInTheDocument()
    expect(await within(aside).findByRole('button', { name: 'Тариф: не заполнено' })).toBeInTheDocument()
    expect(within(aside).queryByText(/изменили/)).not.toBeInTheDocument()
    await waitFor(async () => expect((await valueOf(c.operator, clientId, plan!)).value).toBeNull())
    expect((await historyOf(c.admin, clientId, plan!)).items.map((h) => h.newValue)).toEqual([null, 'Премиум'])
  })
})
