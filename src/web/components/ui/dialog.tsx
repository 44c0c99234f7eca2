import * as DialogPrimitive from '@radix-ui/react-dialog'
import { X } from 'lucide-react'
import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Button } from './button'
import { Spinner } from './spinner'

export const Dialog = DialogPrimitive.Root
export const DialogTrigger = DialogPrimitive.Trigger
export const DialogClose = DialogPrimitive.Close

interface DialogContentProps {
  title: string
  description?: ReactNode
  children?: ReactNode
  /** Room for two things side by side (the merge's two cards). */
  wide?: boolean
  /** Puts focus back somewhere of the owner's choosing on close (a dialog opened without a trigger). */
  onCloseAutoFocus?: () => void
}

export function DialogContent({ title, description, children, wide, onCloseAutoFocus }: DialogContentProps) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
      <DialogPrimitive.Content
        className={cn(
          'fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl',
          wide ? 'max-w-3xl' : 'max-w-md',
        )}
        onCloseAutoFocus={onCloseAutoFocus && ((event) => (event.preventDefault(), onCloseAutoFocus()))}
        // Radix links the description itself; without one it wants an explicit "none".
        {...(description ? {} : { 'aria-describedby': undefined })}
      >
        <DialogPrimitive.Title className="text-base font-semibold text-slate-900">{title}</DialogPrimitive.Title>
        {description && (
          <DialogPrimitive.Description className="mt-2 text-sm text-slate-700">
            {description}
          </DialogPrimitive.Description>
        )}
        <div className="mt-4">{children}</div>
        <DialogPrimitive.Close
          className="absolute top-3 right-3 rounded p-1 text-slate-600 hover:bg-slate-100"
          aria-label="Закрыть окно"
        >
          <X aria-hidden className="size-4" />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  )
}

/** The footer of a form in a dialog: cancel closes it, submit shows that it is working. */
export function DialogFormActions({ pending, submitLabel }: { pending: boolean; submitLabel: string }) {
  return (
    <div className="flex justify-end gap-2">
      <DialogClose asChild>
        <Button variant="secondary">Отмена</Button>
      </DialogClose>
      <Button type="submit" disabled={pending}>
        {pending && <Spinner />} {submitLabel}
      </Button>
    </div>
  )
}
