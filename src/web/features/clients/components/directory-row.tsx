import type { MouseEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { cn } from '@/lib/cn'
import type { DirectoryRow } from '@/features/clients/api/directory'
import { CellContent, type GridColumn } from './directory-cells'

/** Fixed: the virtualiser places rows by arithmetic, without measuring any. */
export const ROW_HEIGHT = 40

// The header is row 1 (aria-rowindex counts from 1).
const ariaRowIndex = (index: number) => index + 2

interface DirectoryRowViewProps {
  id: string
  row: DirectoryRow
  index: number
  top: number
  columns: GridColumn[]
  template: string
  /** The row arrows move over; the grid names it in aria-activedescendant. */
  active: boolean
  onOpen: () => void
  onPoint: () => void
}

export function DirectoryRowView({ id, row, index, top, columns, template, active, onOpen, onPoint }: DirectoryRowViewProps) {
  const open = (e: MouseEvent) => {
    // The name is a link of its own (new tab, copy address); it navigates without the row's help.
    if (!(e.target as Element).closest('a')) onOpen()
  }
  return (
    <div
      id={id} role="row" aria-rowindex={ariaRowIndex(index)}
      onClick={open} onMouseDown={onPoint}
      style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      className={cn(
        'absolute inset-x-0 top-0 grid cursor-pointer border-b border-slate-100 text-sm text-slate-800 hover:bg-slate-50',
        active && 'bg-blue-50/60 group-focus-visible:outline-2 group-focus-visible:-outline-offset-2 group-focus-visible:outline-blue-600',
      )}
    >
      {columns.map((column) => (
        <div key={column.id} role="gridcell" className="flex min-w-0 items-center gap-1 overflow-hidden px-3 whitespace-nowrap">
          <span className="flex min-w-0 items-center gap-1 truncate"><CellContent column={column} row={row} /></span>
        </div>
      ))}
    </div>
  )
}

/** The row after the last loaded one while more are on their way, or the reason they did not come. */
export function DirectoryLoaderRow({ index, top, error, onRetry }: { index: number; top: number; error: Error | null; onRetry: () => void }) {
  return (
    <div
      role="row" aria-rowindex={ariaRowIndex(index)} style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      className="absolute inset-x-0 top-0 flex items-center border-b border-slate-100"
    >
      <div role="gridcell" className="sticky left-0 flex items-center gap-2 px-3 text-sm text-slate-600">
        {error ? (
          <>
            <span role="alert">Не удалось загрузить: {error.message}</span>
            <Button variant="secondary" size="sm" onClick={onRetry}>Повторить</Button>
          </>
        ) : (
          <><Spinner /> Загружаем ещё…</>
        )}
      </div>
    </div>
  )
}
