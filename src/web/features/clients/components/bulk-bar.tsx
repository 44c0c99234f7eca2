import { useQuery } from '@tanstack/react-query'
import { MAX_DIRECTORY_COUNT } from '@shared/client-directory'
import { Button } from '@/components/ui/button'
import { filterOf } from '@/features/clients/api/bulk'
import { exactCountQuery } from '@/features/clients/api/directory'
import { BulkEditDialog, type BulkAction } from './bulk-edit-dialog'
import type { Selection } from '@/features/clients/hooks/use-selection'

const ACTIONS: BulkAction[] = ['addTag', 'removeTag', 'setAttribute']

/**
 * Above the directory once rows are ticked: how many, "Выбрать все N по фильтру" (every client of the
 * filter, not just the loaded rows), and the changes that apply to them. `total` is null when more match
 * than the directory counts: choosing them all counts them exactly, since a bulk edit says how many it touches.
 */
export function BulkBar({
  selection,
  total,
  apiQuery,
}: {
  selection: Selection
  total: number | null
  apiQuery: URLSearchParams
}) {
  const exact = useQuery({ ...exactCountQuery(apiQuery), enabled: selection.all && total === null })
  const all = total ?? exact.data ?? null
  const count = selection.all ? all : selection.ids.size
  if (count === 0) return null
  const ids = selection.all ? null : [...selection.ids]
  const shown = (n: number | null) =>
    n === null ? `более ${MAX_DIRECTORY_COUNT.toLocaleString('ru')}` : n.toLocaleString('ru')
  return (
    <div role="region" aria-label="Выбранные клиенты" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-slate-800">
        {selection.all
          ? `Выбраны все по фильтру: ${exact.isError ? 'не удалось сосчитать' : count === null ? 'считаем…' : shown(count)}`
          : `Выбрано: ${shown(count)}`}
      </span>
      {!selection.all && (total === null || total > selection.ids.size) && (
        <Button variant="ghost" size="sm" onClick={selection.selectAll}>
          Выбрать все {shown(total)} по фильтру
        </Button>
      )}
      <Button variant="ghost" size="sm" onClick={selection.clear}>
        Снять выбор
      </Button>
      {count !== null &&
        ACTIONS.map((action) => (
          <BulkEditDialog
            key={action}
            action={action}
            filter={filterOf(apiQuery)}
            clientIds={ids}
            count={count}
            onDone={selection.clear}
          />
        ))}
    </div>
  )
}
