import { ShieldAlert, ShieldCheck } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { useMarkSpam } from '@/features/dialogues/api/sessions'

/** Marks the dialogue as spam (it leaves the list; the "Спам" filter shows it) or takes the mark off. */
export function SpamButton({ sessionId, spam }: { sessionId: string; spam: boolean }) {
  const mark = useMarkSpam(sessionId)
  const toggle = () =>
    mark.mutate(!spam, {
      onSuccess: () => toast.success(spam ? 'Диалог вернулся в список' : 'Диалог отмечен как спам и убран из списка'),
      onError: (err) => toast.error(`Не удалось изменить отметку «спам»: ${err.message}`),
    })
  return (
    <Button variant="secondary" size="sm" onClick={toggle} disabled={mark.isPending}>
      {spam ? <ShieldCheck aria-hidden className="size-4" /> : <ShieldAlert aria-hidden className="size-4" />}
      {spam ? 'Не спам' : 'Спам'}
    </Button>
  )
}
