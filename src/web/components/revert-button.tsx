import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Undo2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { toast } from 'sonner'
import type { AttributeType } from '@shared/attributes'
import { clientAttributeSchema } from '@shared/attributes'
import { clientSchema, type ClientField } from '@shared/clients'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { api } from '@/lib/api-client'
import { formatAttributeValue } from '@/lib/attribute-format'
import { queryKeys } from '@/lib/query-keys'

/** What a revert puts back: an attribute's value, or the client's own name, phone or email. */
export interface RevertTarget {
  clientId: string
  name: string
  type: AttributeType
  oldValue: string | null
  attributeId?: string
  field?: ClientField | null
}

/**
 * "Вернуть это значение": a normal write of the earlier value (contract: a revert records its own
 * history row). No `version`: the supervisor picks a value from a live timeline and means it to win. A
 * value the attribute's type no longer accepts comes back as a 400 and changes nothing.
 */
function useRevertValue(clientId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ attributeId, field, oldValue }: RevertTarget) => {
      if (field) await api.patch(`/clients/${clientId}`, clientSchema, { [field]: oldValue ?? '' })
      else await api.post(`/clients/${clientId}/attributes/${attributeId}`, clientAttributeSchema, { value: oldValue })
    },
    // The card and the timelines; done once they show the revert.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.detail(clientId) }),
  })
}

interface RevertButtonProps {
  target: RevertTarget
  /** In a popover, which would hide a dialog opened from it: the button only asks its owner to open one. */
  onAsk?: () => void
}

/**
 * Puts back the value the attribute (or the client's own field) had before a change, whatever came after:
 * on the client page's history and in the card's history popover. The button names that value; the
 * dialog asks first, since the card's current value is overwritten.
 */
export function RevertButton({ target, onAsk }: RevertButtonProps) {
  const earlier = formatAttributeValue(target.type, target.oldValue)
  const button = (
    <Button variant="secondary" size="sm" className="max-w-full" onClick={onAsk}>
      <Undo2 aria-hidden className="size-4 shrink-0" /> <span className="min-w-0 truncate">Вернуть «{earlier}»</span>
    </Button>
  )
  return onAsk ? button : <RevertDialog target={target} trigger={button} />
}

interface RevertDialogProps {
  target: RevertTarget
  trigger?: ReactNode
  /** Opened by its owner: closing calls this, and `returnFocus` says where focus goes. */
  onClose?: () => void
  returnFocus?: () => void
}

export function RevertDialog({ target, trigger, onClose, returnFocus }: RevertDialogProps) {
  const revert = useRevertValue(target.clientId)
  const earlier = formatAttributeValue(target.type, target.oldValue)
  const owned = onClose ? { open: true, onOpenChange: (open: boolean) => open || onClose(), returnFocus } : {}
  return (
    <ConfirmDialog
      trigger={trigger} {...owned}
      title={`Вернуть «${earlier}»?`}
      description={`«${target.name}» снова будет «${earlier}», как до этого изменения. Возврат тоже попадёт в историю.`}
      confirmLabel="Вернуть" mutation={revert}
      onConfirm={(done) => revert.mutate(target, {
        onSuccess: () => {
          done()
          toast.success(`Значение возвращено: ${target.name} — ${earlier}`)
        },
      })}
    />
  )
}
