import { Undo2 } from 'lucide-react'
import { useId } from 'react'
import { toast } from 'sonner'
import type { ClientHistoryItem } from '@shared/client-history'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { formatAttributeValue } from '@/lib/attribute-format'
import { useRevertValue } from '@/features/client-history/api/history'

type AttributeChange = ClientHistoryItem & { attribute: NonNullable<ClientHistoryItem['attribute']> }

/**
 * Puts back the value the attribute had before this change (its `oldValue`), whatever came after.
 * The caption says which value that is, so nobody has to work out "this" from the arrow.
 */
export function RevertButton({ item }: { item: AttributeChange }) {
  const revert = useRevertValue(item.clientId)
  const captionId = useId()
  const earlier = formatAttributeValue(item.attribute.type, item.oldValue)
  const run = () =>
    revert.mutate({ attributeId: item.attribute.id, value: item.oldValue }, {
      onSuccess: () => toast.success(`Значение возвращено: ${item.attribute.name} — ${earlier}`),
    })

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={run} disabled={revert.isPending} aria-describedby={captionId}>
          {revert.isPending ? <Spinner /> : <Undo2 aria-hidden className="size-4" />} Вернуть это значение
        </Button>
        <span id={captionId} className="text-xs text-slate-600">значение до изменения: {earlier}</span>
      </div>
      {revert.isError && (
        <p role="alert" className="text-sm text-red-700">Не удалось вернуть значение: {revert.error.message}</p>
      )}
    </div>
  )
}
