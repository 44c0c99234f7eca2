import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderApp } from '../support/web-render'
import { bodyRows, directoryScene, grid, searchOf, shownNames } from './directory-scene'

describe('client directory: the table', () => {
  afterEach(() => vi.restoreAllMocks())

  it('sorts by name both ways, with aria-sort and the sort in the URL', async () => {
    const { c } = await directoryScene()
    const { user, router } = renderApp('/clients', { as: c.supervisor })
    await grid()
    await waitFor(() => expect(shownNames()).toHaveLength(3))
    const nameHeader = screen.getByRole('columnheader', { name: 'Имя' })
    expect(nameHeader).toHaveAttribute('aria-sort', 'none')
    expect(screen.getByRole('columnheader', { name: 'Последний диалог' })).toHaveAttribute('aria-sort', 'descending')

    await user.click(within(nameHeader).getByRole('button', { name: 'Имя' }))
    await waitFor(() => expect(shownNames()).toEqual(['Анна', 'Борис', 'Вера']))
    expect(nameHeader).toHaveAttribute('aria-sort', 'ascending')
    expect(searchOf(router).get('sort')).toBe('name')
    expect(searchOf(router).get('order')).toBe('asc')

    await user.click(within(nameHeader).getByRole('button', { name: 'Имя' }))
    await waitFor(() => expect(shownNames()).toEqual(['Вера', 'Борис', 'Анна']))
    expect(nameHeader).toHaveAttribute('aria-sort', 'descending')
    expect(searchOf(router).get('order')).toBe('desc')
  })

  it('adds an attribute as a column, kept in the URL', async () => {
    const { c, hobby } = await directoryScene()
    const { user, router } = renderApp('/clients?sort=name&order=asc', { as: c.supervisor })
    await grid()
    await waitFor(() => expect(shownNames()).toEqual(['Анна', 'Борис', 'Вера']))

    await user.click(screen.getByRole('button', { name: 'Столбцы' }))
    const chooser = await screen.findByRole('dialog', { name: 'Столбцы таблицы' })
    await user.click(within(chooser).getByRole('checkbox', { name: 'Увлечение' }))
    await user.keyboard('{Escape}')
    const header = await screen.findByRole('columnheader', { name: 'Увлечение' })
    expect(searchOf(router).get('cols')?.split(',')).toContain(`a.${hobby.id}`)

    // The rows are asked for again with the column's attribute, and the cells show each client's value.
    const column = within(header.parentElement!).getAllByRole('columnheader').indexOf(header)
    const cellsOf = () => bodyRows().map((row) => within(row).getAllByRole('gridcell')[column]?.textContent)
    await waitFor(() => expect(cellsOf()).toEqual(['рыбалка', 'шахматы', 'рыбалка']))
  })

  it('exports what is filtered as CSV with the session token', async () => {
    const { c, hobby } = await directoryScene()
    // jsdom makes no blob URLs a link could follow; the file itself comes from the real service.
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:kartoteka-test')
    const downloads: HTMLAnchorElement[] = []
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element).closest('a[download]')
      // jsdom cannot follow a blob: link; the browser would save the file.
      if (!link) return
      downloads.push(link as HTMLAnchorElement)
      e.preventDefault()
    }
    document.addEventListener('click', onClick)
    try {
      const { user } = renderApp(`/clients?attr.${hobby.id}=${encodeURIComponent('рыбалка')}`, { as: c.supervisor })
      await grid()
      await waitFor(() => expect(shownNames().sort()).toEqual(['Анна', 'Вера']))
      await user.click(screen.getByRole('button', { name: 'Экспорт CSV' }))

      await waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1))
      const file = createObjectURL.mock.calls[0]![0] as Blob
      // UTF-8 with BOM, so Excel reads it in Russian (text() would drop the BOM).
      expect([...new Uint8Array(await file.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = await file.text()
      expect(text).toContain('Анна')
      expect(text).toContain('Вера')
      expect(text).not.toContain('Борис')
      expect(downloads).toHaveLength(1)
      expect(downloads[0]).toHaveAttribute('href', 'blob:kartoteka-test')
      expect(downloads[0]!.download).toMatch(/^clients-.*\.csv$/)
      await waitFor(() => expect(screen.getByRole('button', { name: 'Экспорт CSV' })).toBeEnabled())
    } finally {
      document.removeEventListener('click', onClick)
    }
  })

  it('moves between rows with the arrow keys and opens one with Enter', async () => {
    const { c, boris } = await directoryScene()
    const { user, router } = renderApp('/clients?sort=name&order=asc', { as: c.supervisor })
    const table = await grid()
    await waitFor(() => expect(shownNames()).toEqual(['Анна', 'Борис', 'Вера']))

    table.focus()
    await waitFor(() => expect(table).toHaveAttribute('aria-activedescendant', bodyRows()[0]!.id))
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}')
    expect(table).toHaveAttribute('aria-activedescendant', bodyRows()[1]!.id)
    await user.keyboard('{Enter}')
    await waitFor(() => expect(router.state.location.pathname).toBe(`/clients/${boris.id}`))
    expect(await screen.findByRole('region', { name: 'О клиенте' })).toBeInTheDocument()

    // Back to the directory as it was left.
    await user.click(screen.getByRole('link', { name: 'Все клиенты' }))
    await waitFor(() => expect(searchOf(router).get('sort')).toBe('name'))
  })
})
