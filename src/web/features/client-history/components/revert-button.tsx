import { Undo2 } from 'lucide-react'
import { toast } from 'sonner'
import type { ClientHistoryItem } from '@shared/client-history'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { formatAttributeValue } from '@/lib/attribute-format'
import { useRevertValue } from '@/features/client-history/api/history'

type AttributeChange = ClientHistoryItem & { attribute: NonNullable<ClientHistoryItem['attribute']> }

/**
 * Puts back the value the attribute had before this change (its `oldValue`), whatever came after. The
 * button names that value, and asks first: the card's current value is overwritten.
 */
export function RevertButton({ item }: { item: AttributeChange }) {
  const revert = useRevertValue(item.clientId)
  const earlier = formatAttributeValue(item.attribute.type, item.oldValue)
  return (
    <ConfirmDialog
      trigger={<Button variant="secondary" size="sm"><Undo2 aria-hidden className="size-4" /> Вернуть «{earlier}»</Button>}
      title={`Вернуть «${earlier}»?`}
      description={`«${item.attribute.name}» снова будет «${earlier}», как до этого изменения. Возврат тоже попадёт в историю.`}
      confirmLabel="Вернуть" mutation={revert}
      onConfirm={(done) => revert.mutate({ attributeId: item.attribute.id, value: item.oldValue }, {
        onSuccess: () => {
          done()
          toast.success(`Значение возвращено: ${item.attribute.name} — ${earlier}`)
        },
      })}
    />
  )
}
