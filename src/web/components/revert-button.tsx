import { Undo2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { formatAttributeValue } from '@/lib/attribute-format'
import { useRevertValue, type RevertTarget } from '@/lib/revert-value'

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
      trigger={trigger}
      {...owned}
      title={`Вернуть «${earlier}»?`}
      description={`«${target.name}» снова будет «${earlier}», как до этого изменения. Возврат тоже попадёт в историю.`}
      confirmLabel="Вернуть"
      mutation={revert}
      onConfirm={(done) =>
        revert.mutate(target, {
          onSuccess: () => {
            done()
            toast.success(`Значение возвращено: ${target.name} — ${earlier}`)
          },
        })
      }
    />
  )
}
