import { Lock } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '../../../components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../../components/ui/dialog'
import { Spinner } from '../../../components/ui/spinner'
import { useCloseSession } from '../api/sessions'

export function CloseSessionButton({ sessionId }: { sessionId: string }) {
  const [open, setOpen] = useState(false)
  const close = useCloseSession(sessionId)
  const confirm = () =>
    close.mutate(undefined, {
      onSuccess: () => {
        setOpen(false)
        toast.success('Диалог закрыт')
      },
    })

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), close.reset())}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm"><Lock aria-hidden className="size-4" /> Закрыть диалог</Button>
      </DialogTrigger>
      <DialogContent title="Закрыть диалог?" description="Если клиент напишет снова, диалог откроется заново.">
        {close.isError && <p role="alert" className="mb-3 text-sm text-red-700">{close.error.message}</p>}
        <div className="flex justify-end gap-2">
          <DialogClose asChild><Button variant="secondary">Отмена</Button></DialogClose>
          <Button variant="danger" onClick={confirm} disabled={close.isPending}>
            {close.isPending && <Spinner />} Закрыть диалог
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
