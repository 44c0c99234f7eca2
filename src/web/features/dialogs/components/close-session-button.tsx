import { Lock } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { useCloseSession } from '@/features/dialogs/api/sessions'

export function CloseSessionButton({ sessionId }: { sessionId: string }) {
  const close = useCloseSession(sessionId)
  return (
    <ConfirmDialog
      trigger={<Button variant="secondary" size="sm"><Lock aria-hidden className="size-4" /> Закрыть диалог</Button>}
      title="Закрыть диалог?" description="Если клиент напишет снова, диалог откроется заново."
      confirmLabel="Закрыть диалог" mutation={close}
      onConfirm={(done) => close.mutate(undefined, {
        onSuccess: () => {
          done()
          toast.success('Диалог закрыт')
        },
      })}
    />
  )
}
