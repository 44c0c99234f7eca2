import { useState, type ReactNode } from 'react'
import { Button } from './button'
import { Dialog, DialogClose, DialogContent, DialogTrigger } from './dialog'
import { Spinner } from './spinner'

interface ConfirmDialogProps {
  /** The button that asks. */
  trigger: ReactNode
  title: string
  description: ReactNode
  confirmLabel: string
  /** The mutation behind the confirm button: its pending state and error show in the dialog. */
  mutation: { isPending: boolean; isError: boolean; error: Error | null; reset: () => void }
  /** Runs the action; `close` closes the dialog once it succeeded. */
  onConfirm: (close: () => void) => void
}

/** An action that cannot be taken back lightly asks first, and says in place when it failed. */
export function ConfirmDialog({ trigger, title, description, confirmLabel, mutation, onConfirm }: ConfirmDialogProps) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), mutation.reset())}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description}>
        {mutation.isError && <p role="alert" className="mb-3 text-sm text-red-700">{mutation.error?.message}</p>}
        <div className="flex justify-end gap-2">
          <DialogClose asChild><Button variant="secondary">Отмена</Button></DialogClose>
          <Button variant="danger" onClick={() => onConfirm(() => setOpen(false))} disabled={mutation.isPending}>
            {mutation.isPending && <Spinner />} {confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
