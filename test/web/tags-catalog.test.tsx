import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { newCompany, renderApp } from '../support/web-render'

const catalogTable = (name: string) => screen.findByRole('table', { name })
const tagNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent)

async function createInForm(user: ReturnType<typeof renderApp>['user'], title: string, name: string, color?: string) {
  await user.click(await screen.findByRole('button', { name: 'Новый тег' }))
  const dialog = await screen.findByRole('dialog', { name: title })
  await user.type(within(dialog).getByRole('textbox', { name: 'Название' }), name)
  if (color) await user.click(within(dialog).getByRole('radio', { name: color }))
  await user.click(within(dialog).getByRole('button', { name: 'Создать' }))
  return dialog
}

describe('tag catalogs', () => {
  it('creates a client tag and a session tag, each in its own catalog only', async () => {
    const c = await newCompany()
    const { user } = renderApp('/catalog/client-tags', { as: c.admin })

    expect(await screen.findByRole('heading', { name: 'Теги клиентов' })).toBeInTheDocument()
    expect(await screen.findByText('Тегов пока нет')).toBeInTheDocument()
    await createInForm(user, 'Новый тег клиента', 'ВИП-клиент', 'Фиолетовый')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    const clientTable = await catalogTable('Теги клиентов')
    expect(within(clientTable).getByRole('columnheader', { name: 'Клиентов с тегом' })).toBeInTheDocument()
    const clientRow = within(clientTable).getByRole('row', { name: /ВИП-клиент/ })
    expect(within(clientRow).getByRole('cell', { name: '0' })).toBeInTheDocument()

    await user.click(screen.getByRole('link', { name: 'Теги сессий' }))
    expect(await screen.findByRole('heading', { name: 'Теги сессий' })).toBeInTheDocument()
    expect(await screen.findByText('Тегов пока нет')).toBeInTheDocument()
    await createInForm(user, 'Новый тег сессии', 'предоплата')
    const sessionTable = await catalogTable('Теги сессий')
    expect(within(sessionTable).getByRole('columnheader', { name: 'Диалогов с тегом' })).toBeInTheDocument()
    await waitFor(() => expect(tagNames(sessionTable)).toEqual(['предоплата']))

    await user.click(screen.getByRole('link', { name: 'Теги клиентов' }))
    expect(tagNames(await catalogTable('Теги клиентов'))).toEqual(['ВИП-клиент'])
  })

  it('says "Такой тег уже есть" on the name field for a name differing only in case, and checks the name', async () => {
    const c = await newCompany()
    const { user } = renderApp('/catalog/client-tags', { as: c.admin })
    await createInForm(user, 'Новый тег клиента', 'ВИП-клиент')
    await within(await catalogTable('Теги клиентов')).findByRole('row', { name: /ВИП-клиент/ })

    const dialog = await createInForm(user, 'Новый тег клиента', '  вип-КЛИЕНТ ')
    const name = within(dialog).getByRole('textbox', { name: 'Название' })
    await waitFor(() => expect(name).toHaveAccessibleDescription('Такой тег уже есть'))
    expect(name).toHaveAttribute('aria-invalid', 'true')

    await user.clear(name)
    await user.click(within(dialog).getByRole('button', { name: 'Создать' }))
    expect(name).toHaveAccessibleDescription('Введите название тега')
    await user.type(name, 'я'.repeat(101))
    await user.click(within(dialog).getByRole('button', { name: 'Создать' }))
    expect(name).toHaveAccessibleDescription('Название тега длиннее 100 символов')
  })

  it('renames, recolours and describes a tag, archives it after confirmation and restores it from the archive', async () => {
    const c = await newCompany()
    const { user, router } = renderApp('/catalog/session-tags', { as: c.admin })
    await createInForm(user, 'Новый тег сессии', 'кредт')
    await user.click(await within(await catalogTable('Теги сессий')).findByRole('button', { name: 'Изменить «кредт»' }))
    const edit = await screen.findByRole('dialog', { name: 'Изменить тег' })
    const name = within(edit).getByRole('textbox', { name: 'Название' })
    expect(within(edit).getByRole('radio', { name: 'Серый' })).toBeChecked()
    await user.clear(name)
    await user.type(name, 'кредит')
    await user.click(within(edit).getByRole('radio', { name: 'Зелёный' }))
    await user.type(within(edit).getByRole('textbox', { name: 'Описание' }), 'Клиент оформляет рассрочку')
    await user.click(within(edit).getByRole('button', { name: 'Сохранить' }))
    const row = await within(await catalogTable('Теги сессий')).findByRole('row', { name: /^кредит/ })
    expect(row).toHaveTextContent('Клиент оформляет рассрочку')

    await user.click(within(row).getByRole('button', { name: 'В архив «кредит»' }))
    const confirm = await screen.findByRole('dialog', { name: 'Убрать тег «кредит» в архив?' })
    await user.click(within(confirm).getByRole('button', { name: 'В архив' }))
    expect(await screen.findByText('Тегов пока нет')).toBeInTheDocument()

    const archive = screen.getByRole('button', { name: 'Показать архив' })
    await user.click(archive)
    expect(archive).toHaveAttribute('aria-pressed', 'true')
    expect(router.state.location.search).toBe('?archived=1')
    const archived = await within(await catalogTable('Теги сессий')).findByRole('row', { name: /^кредит/ })
    expect(archived).toHaveTextContent('В архиве')
    await user.click(within(archived).getByRole('button', { name: 'Восстановить «кредит»' }))
    await waitFor(() => expect(within(archived).queryByText('В архиве')).not.toBeInTheDocument())
    expect(within(archived).getByRole('button', { name: 'В архив «кредит»' })).toBeInTheDocument()
  })

  it('is for admins only', async () => {
    const c = await newCompany()
    renderApp('/catalog/client-tags', { as: c.operator })
    expect(await screen.findByText('Раздел доступен только администраторам')).toBeInTheDocument()
  })
})
