import { useState, type ReactNode } from 'react'
import { Button } from './button'
import { Dialog, DialogClose, DialogContent, DialogTrigger } from './dialog'
import { Spinner } from './spinner'

interface ConfirmDialogProps {
  /** The button that asks; without one, the dialog is opened by its owner (`open`, `onOpenChange`). */
  trigger?: ReactNode
  open?: boolean
  onOpenChange?: (open: boolean) => void
  /** Where focus goes once it closes, when there is no trigger to go back to. */
  returnFocus?: () => void
  title: string
  description: ReactNode
  confirmLabel: string
  /** The mutation behind the confirm button: its pending state and error show in the dialog. */
  mutation: { isPending: boolean; isError: boolean; error: Error | null; reset: () => void }
  /** Runs the action; `close` closes the dialog once it succeeded. */
  onConfirm: (close: () => void) => void
}

/** An action that cannot be taken back lightly asks first, and says in place when it failed. */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  mutation,
  onConfirm,
  ...owner
}: ConfirmDialogProps) {
  const [ownOpen, setOwnOpen] = useState(false)
  const open = owner.open ?? ownOpen
  const setOpen = owner.onOpenChange ?? setOwnOpen
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), mutation.reset())}>
      {trigger && <DialogTrigger asChild>{trigger}</DialogTrigger>}
      <DialogContent title={title} description={description} onCloseAutoFocus={owner.returnFocus}>
        {mutation.isError && (
          <p role="alert" className="mb-3 text-sm text-red-700">
            {mutation.error?.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Отмена</Button>
          </DialogClose>
          <Button variant="danger" onClick={() => onConfirm(() => setOpen(false))} disabled={mutation.isPending}>
            {mutation.isPending && <Spinner />} {confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
