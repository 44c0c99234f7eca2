import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { setBaseUrl } from '@/lib/auth-store'
import { baseUrl, callApi, newCompany, renderApp, startDialogue, type WebTestUser } from '../support/web-render'

type Attribute = {
  id: string
  name: string
  type: string
  options: string[]
  pinned: boolean
  description: string | null
  archivedAt: string | null
}

const catalogList = () => screen.findByRole('list', { name: 'Параметры в порядке карточки' })
const shownOrder = async () =>
  within(await catalogList())
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '')
const catalogOf = (admin: WebTestUser) =>
  callApi<{ items: Attribute[] }>(admin, 'GET', '/clients/attributes?includeArchived=true')
const createAttribute = (admin: WebTestUser, body: Record<string, unknown>) =>
  callApi<Attribute>(admin, 'POST', '/clients/attributes', body)

async function openCreateForm(admin: WebTestUser) {
  const { user } = renderApp('/catalog/attributes', { as: admin })
  await user.click(await screen.findByRole('button', { name: 'Новый параметр' }))
  return { user, form: await screen.findByRole('dialog', { name: 'Новый параметр' }) }
}

describe('Каталог → Параметры', () => {
  it('lets an admin create a list attribute with options, description and "всегда показывать"', async () => {
    const c = await newCompany()
    const { user, form } = await openCreateForm(c.admin)
    await user.type(within(form).getByRole('textbox', { name: 'Название' }), 'Любимый цвет')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Тип' }), 'Список')
    await user.click(within(form).getByRole('button', { name: 'Добавить вариант' }))
    // Enter in an option starts the next one instead of sending the form.
    await user.type(within(form).getByRole('textbox', { name: 'Вариант 1' }), 'Красный{Enter}Синий')
    expect(within(form).getByRole('textbox', { name: 'Вариант 2' })).toHaveValue('Синий')
    await user.type(within(form).getByRole('textbox', { name: 'Описание' }), 'Спросите при первом заказе')
    await user.click(within(form).getByRole('checkbox', { name: 'Всегда показывать в карточке клиента' }))
    await user.click(within(form).getByRole('button', { name: 'Создать' }))

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Новый параметр' })).not.toBeInTheDocument())
    const [row] = within(await catalogList()).getAllByRole('listitem')
    expect(row).toHaveTextContent('Любимый цвет')
    expect(row).toHaveTextContent('Список')
    expect(row).toHaveTextContent('всегда показывать')
    expect(row).toHaveTextContent('Спросите при первом заказе')
    expect(row).toHaveTextContent('Варианты: Красный, Синий')
    const { items } = await catalogOf(c.admin)
    expect(items).toEqual([
      expect.objectContaining({
        name: 'Любимый цвет',
        type: 'select',
        options: ['Красный', 'Синий'],
        pinned: true,
        description: 'Спросите при первом заказе',
      }),
    ])
  })

  it('shows "Такой параметр уже есть" under the name for a duplicate in another case', async () => {
    const c = await newCompany()
    await createAttribute(c.admin, { name: 'Увлечение' })
    const { user, form } = await openCreateForm(c.admin)
    const name = within(form).getByRole('textbox', { name: 'Название' })
    await user.type(name, '  УВЛЕЧЕНИЕ ')
    await user.click(within(form).getByRole('button', { name: 'Создать' }))

    await waitFor(() => expect(name).toHaveAccessibleDescription('Такой параметр уже есть'))
    expect(name).toHaveAttribute('aria-invalid', 'true')
    expect((await catalogOf(c.admin)).items).toHaveLength(1)
  })

  it('refuses a list without options on the form, before asking the service', async () => {
    const c = await newCompany()
    const { user, form } = await openCreateForm(c.admin)
    await user.type(within(form).getByRole('textbox', { name: 'Название' }), 'Размер')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Тип' }), 'Список')
    await user.click(within(form).getByRole('button', { name: 'Создать' }))

    expect(await within(form).findByRole('alert')).toHaveTextContent('Для списка нужен хотя бы один вариант')
    expect((await catalogOf(c.admin)).items).toHaveLength(0)
  })

  it('archives after confirmation, keeps the archive apart, and restores', async () => {
    const c = await newCompany()
    const old = await createAttribute(c.admin, { name: 'Старый номер' })
    await createAttribute(c.admin, { name: 'Город' })
    const s = await startDialogue(c.admin, { externalId: 'arch' }, 'Здравствуйте')
    await callApi(c.admin, 'POST', `/clients/${s.clientId}/attributes/${old.id}`, { value: '123' })
    const { user } = renderApp('/catalog/attributes', { as: c.admin })
    await waitFor(async () =>
      expect(await shownOrder()).toEqual([
        expect.stringMatching(/^Старый номер.*заполнено у 1 клиента/),
        expect.stringMatching(/^Город/),
      ]),
    )

    await user.click(screen.getByRole('button', { name: 'В архив: Старый номер' }))
    const confirm = await screen.findByRole('dialog', { name: 'Убрать «Старый номер» в архив?' })
    expect(confirm).toHaveTextContent('заполнено у 1 клиента')
    await user.click(within(confirm).getByRole('button', { name: 'В архив' }))
    await waitFor(async () => expect(await shownOrder()).toEqual([expect.stringMatching(/^Город/)]))

    await user.click(screen.getByRole('button', { name: 'Показать архив (1)' }))
    const archive = await screen.findByRole('list', { name: 'Архивные параметры' })
    expect(within(archive).getByRole('listitem')).toHaveTextContent('Старый номер')
    await user.click(within(archive).getByRole('button', { name: 'Восстановить: Старый номер' }))
    await waitFor(async () =>
      expect(await shownOrder()).toEqual([expect.stringMatching(/^Старый номер/), expect.stringMatching(/^Город/)]),
    )
    expect(within(archive).queryByRole('listitem')).not.toBeInTheDocument()
    expect((await catalogOf(c.admin)).items.every((a) => a.archivedAt === null)).toBe(true)
  })

  it('reorders with the keyboard, announces it, and the order holds after a reload', async () => {
    const c = await newCompany()
    for (const name of ['Имя питомца', 'Старое', 'Город', 'Возраст']) await createAttribute(c.admin, { name })
    // An archived attribute in between: the service counts positions over the whole catalog.
    const archived = (await catalogOf(c.admin)).items.find((a) => a.name === 'Старое')!
    await callApi(c.admin, 'DELETE', `/clients/attributes/${archived.id}`)
    const { user } = renderApp('/catalog/attributes', { as: c.admin })
    await waitFor(async () => expect(await shownOrder()).toHaveLength(3))

    const down = screen.getByRole('button', { name: 'Ниже: Имя питомца' })
    down.focus()
    await user.keyboard('{Enter}')
    expect(await shownOrder()).toEqual([
      expect.stringMatching(/^Город/),
      expect.stringMatching(/^Имя питомца/),
      expect.stringMatching(/^Возраст/),
    ])
    expect(screen.getAllByRole('status').map((el) => el.textContent)).toContain('«Имя питомца» на месте 2 из 3')
    // Alt+↓ anywhere on the row; the focus stays with the row that moved.
    expect(down).toHaveFocus()
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}')
    expect(await shownOrder()).toEqual([
      expect.stringMatching(/^Город/),
      expect.stringMatching(/^Возраст/),
      expect.stringMatching(/^Имя питомца/),
    ])
    expect(screen.getByRole('button', { name: 'Ниже: Имя питомца' })).toHaveFocus()

    await waitFor(async () => {
      const active = (await catalogOf(c.admin)).items.filter((a) => a.archivedAt === null).map((a) => a.name)
      expect(active).toEqual(['Город', 'Возраст', 'Имя питомца'])
    })
    cleanup()
    renderApp('/catalog/attributes', { as: c.admin })
    await waitFor(async () =>
      expect(await shownOrder()).toEqual([
        expect.stringMatching(/^Город/),
        expect.stringMatching(/^Возраст/),
        expect.stringMatching(/^Имя питомца/),
      ]),
    )
  })

  it('puts the order back and says so when a move does not reach the service', async () => {
    const c = await newCompany()
    for (const name of ['Первый', 'Второй']) await createAttribute(c.admin, { name })
    const { user } = renderApp('/catalog/attributes', { as: c.admin })
    await waitFor(async () => expect(await shownOrder()).toHaveLength(2))
    setBaseUrl('http://127.0.0.1:9/api/v1')
    await user.click(screen.getByRole('button', { name: 'Ниже: Первый' }))

    expect(await screen.findByText(/Не удалось изменить порядок: Нет связи с сервером/)).toBeInTheDocument()
    expect(await shownOrder()).toEqual([expect.stringMatching(/^Первый/), expect.stringMatching(/^Второй/)])
    setBaseUrl(baseUrl)
    expect((await catalogOf(c.admin)).items.map((a) => a.name)).toEqual(['Первый', 'Второй'])
  })

  it('renames and edits the options of an attribute, with the type fixed', async () => {
    const c = await newCompany()
    await createAttribute(c.admin, { name: 'Статус', type: 'select', options: ['Бронза'] })
    const { user } = renderApp('/catalog/attributes', { as: c.admin })
    await user.click(await screen.findByRole('button', { name: 'Изменить: Статус' }))
    const form = await screen.findByRole('dialog', { name: 'Изменить «Статус»' })
    expect(within(form).getByRole('combobox', { name: 'Тип' })).toBeDisabled()
    const name = within(form).getByRole('textbox', { name: 'Название' })
    await user.clear(name)
    await user.type(name, 'Статус клиента')
    await user.click(within(form).getByRole('button', { name: 'Добавить вариант' }))
    await user.type(within(form).getByRole('textbox', { name: 'Вариант 2' }), 'Золото')
    await user.click(within(form).getByRole('button', { name: 'Сохранить' }))

    await waitFor(async () =>
      expect(await shownOrder()).toEqual([expect.stringMatching(/^Статус клиента.*Варианты: Бронза, Золото/)]),
    )
    expect((await catalogOf(c.admin)).items).toEqual([
      expect.objectContaining({ name: 'Статус клиента', type: 'select', options: ['Бронза', 'Золото'] }),
    ])
  })

  it('reorders by dragging a row onto another', async () => {
    const c = await newCompany()
    for (const name of ['Первый', 'Второй', 'Третий']) await createAttribute(c.admin, { name })
    renderApp('/catalog/attributes', { as: c.admin })
    await waitFor(async () => expect(await shownOrder()).toHaveLength(3))
    const [first, , third] = within(await catalogList()).getAllByRole('listitem')
    const dataTransfer = { setData: () => {}, effectAllowed: '', dropEffect: '' }
    fireEvent.dragStart(third!, { dataTransfer })
    fireEvent.dragOver(first!, { dataTransfer })
    fireEvent.drop(first!, { dataTransfer })
    fireEvent.dragEnd(third!, { dataTransfer })

    await waitFor(async () =>
      expect(await shownOrder()).toEqual([
        expect.stringMatching(/^Третий/),
        expect.stringMatching(/^Первый/),
        expect.stringMatching(/^Второй/),
      ]),
    )
    await waitFor(async () =>
      expect((await catalogOf(c.admin)).items.map((a) => a.name)).toEqual(['Третий', 'Первый', 'Второй']),
    )
  })

  it('is not shown to operators and supervisors', async () => {
    const c = await newCompany()
    renderApp('/dialogs', { as: c.operator })
    const nav = await screen.findByRole('navigation', { name: 'Разделы' })
    expect(within(nav).getByRole('link', { name: 'Диалоги' })).toBeInTheDocument()
    expect(within(nav).queryByRole('link', { name: 'Каталог' })).not.toBeInTheDocument()
    cleanup()

    renderApp('/catalog/attributes', { as: c.supervisor })
    expect(await screen.findByText('Раздел доступен только администраторам')).toBeInTheDocument()
    expect(
      within(screen.getByRole('navigation', { name: 'Разделы' })).queryByRole('link', { name: 'Каталог' }),
    ).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Новый параметр' })).not.toBeInTheDocument()
  })
})
