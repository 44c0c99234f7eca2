import { useQuery } from '@tanstack/react-query'
import { Hand } from 'lucide-react'
import { toast } from 'sonner'
import type { Session } from '@shared/sessions'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { meQuery } from '@/lib/me'
import { useAltShortcut } from '@/lib/use-alt-shortcut'
import { useTakeSession } from '@/features/dialogues/api/sessions'

/**
 * «Взять» (Alt+B): an open dialogue nobody has becomes the caller's. If a colleague took it meanwhile, the
 * toast says who, and the header shows them.
 */
export function TakeSessionButton({ session }: { session: Session }) {
  const me = useQuery(meQuery()).data
  const take = useTakeSession(session.id)
  const shown = session.status === 'open' && !session.operatorId && me !== undefined
  const run = () =>
    take.mutate(undefined, {
      onSuccess: () => toast.success('Диалог ваш'),
      onError: (err) => toast.error(err.message),
    })
  useAltShortcut(shown ? 'KeyB' : undefined, () => !take.isPending && run())
  if (!shown) return null
  return (
    <Button
      size="sm"
      onClick={run}
      disabled={take.isPending}
      aria-keyshortcuts="Alt+B"
      title="Взять диалог себе (Alt+B; на русской раскладке Alt+И)"
    >
      {take.isPending ? <Spinner /> : <Hand aria-hidden className="size-4" />} Взять
    </Button>
  )
}
