import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import type { ClientSort, SortOrder } from '@shared/client-directory'
import type { GridColumn } from './directory-cells'
import type { Tick } from './directory-row'

export const HEADER_HEIGHT = 40

interface DirectoryHeaderProps {
  columns: GridColumn[]
  template: string
  sort: ClientSort
  order: SortOrder
  onSort: (sort: ClientSort) => void
  /** Ticks every loaded row, where rows can be chosen. */
  tickAll?: Tick
}

/**
 * The header row. A sortable title is a button: the first click sorts by the column, the next turns the
 * order round. `aria-sort` tells which column the rows follow.
 */
export function DirectoryHeader({ columns, template, sort, order, onSort, tickAll }: DirectoryHeaderProps) {
  return (
    <div role="rowgroup" className="sticky top-0 z-10">
      <div
        role="row"
        aria-rowindex={1}
        style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
        className="grid border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-700"
      >
        {tickAll && (
          <div role="columnheader" className="flex items-center justify-center">
            <input
              type="checkbox"
              aria-label="Выбрать все загруженные строки"
              checked={tickAll.checked}
              onChange={(e) => tickAll.onChange(e.target.checked)}
              className="size-4 accent-blue-700"
            />
          </div>
        )}
        {columns.map((column) => {
          const active = column.sort !== undefined && column.sort === sort
          const ariaSort =
            column.sort === undefined ? undefined : active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'
          const Icon = !active ? ArrowUpDown : order === 'asc' ? ArrowUp : ArrowDown
          return (
            <div key={column.id} role="columnheader" aria-sort={ariaSort} className="flex min-w-0 items-center px-3">
              {column.sort === undefined ? (
                <span className="truncate" title={column.label}>
                  {column.label}
                </span>
              ) : (
                <button
                  type="button"
                  onClick={() => onSort(column.sort!)}
                  className="-mx-1.5 flex min-w-0 items-center gap-1 rounded px-1.5 py-1 hover:bg-slate-200/70"
                >
                  <span className="truncate">{column.label}</span>
                  <Icon
                    aria-hidden
                    className={active ? 'size-3.5 shrink-0 text-blue-700' : 'size-3.5 shrink-0 text-slate-400'}
                  />
                </button>
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}
