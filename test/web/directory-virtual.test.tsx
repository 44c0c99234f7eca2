import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { newCompany, renderApp } from '../support/web-render'
import { bodyRows, createClients, grid, shownNames } from './directory-scene'

const ROW_HEIGHT = 40
const name = (n: number) => `Клиент ${String(n).padStart(3, '0')}`

describe('client directory: a long list', () => {
  it('keeps only a window of rows in the DOM and loads pages as it scrolls', async () => {
    const c = await newCompany()
    await createClients(
      c,
      Array.from({ length: 300 }, (_, i) => name(i + 1)),
    )

    renderApp('/clients?sort=name&order=asc', { as: c.supervisor })
    const table = await grid()
    await waitFor(() => expect(shownNames()[0]).toBe(name(1)))
    // The grid says how many rows there are in all (and the header), though few are in the DOM.
    expect(table).toHaveAttribute('aria-rowcount', '301')
    expect(bodyRows().length).toBeLessThan(60)
    expect(screen.queryByText(name(150))).not.toBeInTheDocument()

    // jsdom lays nothing out: the scroll position is set by hand, as a scroll bar would.
    table.scrollTop = 260 * ROW_HEIGHT
    fireEvent.scroll(table)
    await waitFor(() => expect(shownNames()).toContain(name(270)), { timeout: 10_000 })
    expect(bodyRows().length).toBeLessThan(60)
    expect(screen.queryByText(name(1))).not.toBeInTheDocument()
    const row = screen.getByText(name(270)).closest('[role="row"]')
    expect(row).toHaveAttribute('aria-rowindex', '271')
  })
})
