import { RefreshCw } from 'lucide-react'
import type { MouseEvent } from 'react'
import type { ClientAttribute } from '@shared/attributes'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/dates'
import { formatAttributeValue } from '@/lib/attribute-format'

export type AttributeProblem =
  | { kind: 'error'; message: string; retry?: boolean }
  | { kind: 'conflict'; mine: string | null; theirs: ClientAttribute }
  | { kind: 'override'; message: string }

interface AttributesProblemProps {
  id: string
  item: ClientAttribute
  problem: AttributeProblem
  onRetry: () => void
  onKeepMine: (mine: string | null, theirs: ClientAttribute) => void
  onTakeTheirs: () => void
  onOverride: () => void
}

// Buttons next to the input must not take the focus from it, or its blur would save first.
const keepFocus = (e: MouseEvent) => e.preventDefault()

/** Why the save did not happen, and what the operator can do about it. */
export function AttributesProblem({
  id,
  item,
  problem,
  onRetry,
  onKeepMine,
  onTakeTheirs,
  onOverride,
}: AttributesProblemProps) {
  if (problem.kind === 'override') {
    return (
      <div
        id={id}
        role="alert"
        className="mt-1 space-y-2 rounded-md bg-amber-50 p-2 text-sm text-slate-900 ring-1 ring-amber-300"
      >
        <p>{problem.message}</p>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onMouseDown={keepFocus} onClick={onOverride}>
            Изменить всё равно
          </Button>
          <Button variant="secondary" size="sm" onMouseDown={keepFocus} onClick={onTakeTheirs}>
            Оставить как есть
          </Button>
        </div>
      </div>
    )
  }
  if (problem.kind === 'error') {
    return (
      <div className="mt-1 flex items-start gap-2">
        <p id={id} role="alert" className="flex-1 text-sm text-red-700">
          {problem.message}
        </p>
        {problem.retry && (
          <Button variant="secondary" size="sm" onMouseDown={keepFocus} onClick={onRetry}>
            <RefreshCw aria-hidden className="size-3.5" /> Повторить
          </Button>
        )}
      </div>
    )
  }
  const { mine, theirs } = problem
  const who = [theirs.updatedBy?.name, theirs.updatedAt && formatDateTime(theirs.updatedAt)].filter(Boolean).join(', ')
  return (
    <div
      id={id}
      role="alert"
      className="mt-1 space-y-2 rounded-md bg-amber-50 p-2 text-sm text-slate-900 ring-1 ring-amber-300"
    >
      <p className="font-medium">Пока вы редактировали, значение изменили</p>
      <p className="break-words whitespace-pre-wrap">Ваше значение: {formatAttributeValue(item.type, mine)}</p>
      <p className="break-words whitespace-pre-wrap">
        Сейчас сохранено{who && ` (${who})`}: {formatAttributeValue(item.type, theirs.value)}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onMouseDown={keepFocus} onClick={() => onKeepMine(mine, theirs)}>
          Оставить моё
        </Button>
        <Button variant="secondary" size="sm" onMouseDown={keepFocus} onClick={onTakeTheirs}>
          Взять новое
        </Button>
      </div>
    </div>
  )
}
