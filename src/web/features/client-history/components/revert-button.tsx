import { Undo2 } from 'lucide-react'
import { toast } from 'sonner'
import type { ClientHistoryItem } from '@shared/client-history'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { changedThing } from '@/components/change-diff'
import { formatAttributeValue } from '@/lib/attribute-format'
import { useRevertValue } from '@/features/client-history/api/history'

/**
 * Puts back the value the attribute (or the client's own field) had before this change (its `oldValue`),
 * whatever came after. The button names that value, and asks first: the card's current value is overwritten.
 */
export function RevertButton({ item }: { item: ClientHistoryItem }) {
  const revert = useRevertValue(item.clientId)
  const { name, type } = changedThing(item)
  const earlier = formatAttributeValue(type, item.oldValue)
  return (
    <ConfirmDialog
      trigger={<Button variant="secondary" size="sm"><Undo2 aria-hidden className="size-4" /> Вернуть «{earlier}»</Button>}
      title={`Вернуть «${earlier}»?`}
      description={`«${name}» снова будет «${earlier}», как до этого изменения. Возврат тоже попадёт в историю.`}
      confirmLabel="Вернуть" mutation={revert}
      onConfirm={(done) => revert.mutate(item, {
        onSuccess: () => {
          done()
          toast.success(`Значение возвращено: ${name} — ${earlier}`)
        },
      })}
    />
  )
}
