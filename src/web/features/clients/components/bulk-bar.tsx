import type { BulkInput } from '@shared/batches'
import { Button } from '@/components/ui/button'
import { BulkEditDialog, type BulkAction } from './bulk-edit-dialog'
import type { Selection } from '@/features/clients/hooks/use-selection'

const ACTIONS: BulkAction[] = ['addTag', 'removeTag', 'setAttribute']

/**
 * Above the directory once rows are ticked: how many, "Выбрать все N по фильтру" (every client of the
 * filter, not just the loaded rows), and the changes that apply to them.
 */
export function BulkBar({
  selection,
  total,
  filter,
}: {
  selection: Selection
  total: number | null
  filter: BulkInput['filter']
}) {
  const count = selection.all ? (total ?? 0) : selection.ids.size
  if (count === 0) return null
  const ids = selection.all ? null : [...selection.ids]
  return (
    <div role="region" aria-label="Выбранные клиенты" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-slate-800">
        {selection.all
          ? `Выбраны все по фильтру: ${count.toLocaleString('ru')}`
          : `Выбрано: ${count.toLocaleString('ru')}`}
      </span>
      {!selection.all && total !== null && total > count && (
        <Button variant="ghost" size="sm" onClick={selection.selectAll}>
          Выбрать все {total.toLocaleString('ru')} по фильтру
        </Button>
      )}
      <Button variant="ghost" size="sm" onClick={selection.clear}>
        Снять выбор
      </Button>
      {ACTIONS.map((action) => (
        <BulkEditDialog
          key={action}
          action={action}
          filter={filter}
          clientIds={ids}
          count={count}
          onDone={selection.clear}
        />
      ))}
    </div>
  )
}
