import type { MouseEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { cn } from '@/lib/cn'
import type { DirectoryRow } from '@/features/clients/api/directory'
import { clientLabel } from '@shared/labels'
import { CellContent, type GridColumn } from './directory-cells'

/** A tick box of the grid: rows can be chosen for a bulk edit. */
export type Tick = { checked: boolean; onChange: (checked: boolean) => void }

/**
 * Out of the Tab order: the grid keeps the focus and Space ticks the current row (use-grid-keys), so
 * a hundred rows do not make a hundred tab stops.
 */
export function TickCell({ tick, label }: { tick: Tick; label: string }) {
  return (
    <div role="gridcell" className="flex items-center justify-center">
      <input
        type="checkbox"
        tabIndex={-1}
        aria-label={label}
        checked={tick.checked}
        onChange={(e) => tick.onChange(e.target.checked)}
        className="size-4 accent-blue-700"
      />
    </div>
  )
}

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
  tick?: Tick
}

export function DirectoryRowView({
  id,
  row,
  index,
  top,
  columns,
  template,
  active,
  onOpen,
  onPoint,
  tick,
}: DirectoryRowViewProps) {
  const open = (e: MouseEvent) => {
    // The name is a link of its own (new tab, copy address), the tick box a control: neither opens the row.
    if (!(e.target as Element).closest('a, input')) onOpen()
  }
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={ariaRowIndex(index)}
      onClick={open}
      onMouseDown={onPoint}
      style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      className={cn(
        'absolute inset-x-0 top-0 grid cursor-pointer border-b border-slate-100 text-sm text-slate-800 hover:bg-slate-50',
        tick?.checked && 'bg-blue-50/40',
        active &&
          'bg-blue-50/60 group-focus-visible:outline-2 group-focus-visible:-outline-offset-2 group-focus-visible:outline-blue-600',
      )}
    >
      {tick && <TickCell tick={tick} label={`Выбрать: ${clientLabel(row)}`} />}
      {columns.map((column) => (
        <div
          key={column.id}
          role="gridcell"
          className="flex min-w-0 items-center gap-1 overflow-hidden px-3 whitespace-nowrap"
        >
          <span className="flex min-w-0 items-center gap-1 truncate">
            <CellContent column={column} row={row} />
          </span>
        </div>
      ))}
    </div>
  )
}

/** The row after the last loaded one while more are on their way, or the reason they did not come. */
export function DirectoryLoaderRow({
  index,
  top,
  error,
  onRetry,
}: {
  index: number
  top: number
  error: Error | null
  onRetry: () => void
}) {
  return (
    <div
      role="row"
      aria-rowindex={ariaRowIndex(index)}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      className="absolute inset-x-0 top-0 flex items-center border-b border-slate-100"
    >
      <div role="gridcell" className="sticky left-0 flex items-center gap-2 px-3 text-sm text-slate-600">
        {error ? (
          <>
            <span role="alert">Не удалось загрузить: {error.message}</span>
            <Button variant="secondary" size="sm" onClick={onRetry}>
              Повторить
            </Button>
          </>
        ) : (
          <>
            <Spinner /> Загружаем ещё…
          </>
        )}
      </div>
    </div>
  )
}
