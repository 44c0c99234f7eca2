import { useQuery } from '@tanstack/react-query'
import { PanelRightOpen } from 'lucide-react'
import { useState } from 'react'
import { useParams } from 'react-router'
import { Button } from '@/components/ui/button'
import { Sheet } from '@/components/ui/sheet'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { useAltShortcut } from '@/lib/use-alt-shortcut'
import { useMediaQuery } from '@/lib/use-media-query'
import { clientLabel } from '@shared/labels'
import { clientQueries } from '@/features/client-card/api/client'
import { ClientCard } from '@/features/client-card/components/client-card'
import { sessionQueries } from '@/features/dialogues/api/sessions'
import { DialogueView } from '@/features/dialogues/components/dialogue-view'

/**
 * A dialogue and its client's card: side by side from 1024 px (the dialogue list folds away below 1280);
 * narrower, the card opens as a drawer over the thread ("О клиенте" or Alt+K).
 */
export function DialoguePage() {
  const { sessionId = '' } = useParams()
  const session = useQuery(sessionQueries.detail(sessionId))
  // The header's name comes from the client itself: an edit on the card (or by anyone) shows at once.
  const client = useQuery({ ...clientQueries.detail(session.data?.clientId ?? ''), enabled: Boolean(session.data) })
  const [cardOpen, setCardOpen] = useState(false)
  // The same width as Tailwind's `lg`: one card on the page, beside the thread or over it.
  const wide = useMediaQuery('(min-width: 1024px)')
  useAltShortcut(wide ? undefined : 'KeyK', () => setCardOpen((open) => !open))

  if (session.isPending)
    return (
      <div className="flex-1">
        <LoadingState label="Открываем диалог…" />
      </div>
    )
  if (session.isError)
    return (
      <div className="flex-1">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </div>
    )

  const card = <ClientCard clientId={session.data.clientId} currentSessionId={session.data.id} />
  const cardButton = !wide && (
    <Button
      variant="secondary"
      size="sm"
      aria-keyshortcuts="Alt+K"
      title="Карточка клиента (Alt+K; на русской раскладке Alt+Л)"
      onClick={() => setCardOpen(true)}
    >
      <PanelRightOpen aria-hidden className="size-4" /> О клиенте
    </Button>
  )
  return (
    <>
      {/* Keyed by dialogue: a draft never moves to another one. */}
      <DialogueView
        key={session.data.id}
        session={session.data}
        cardButton={cardButton}
        name={clientLabel(client.data ?? session.data.client)}
      />
      {wide ? (
        <aside
          aria-label="Карточка клиента"
          className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white"
        >
          {card}
        </aside>
      ) : (
        <Sheet open={cardOpen} onOpenChange={setCardOpen} title="Карточка клиента">
          {card}
        </Sheet>
      )}
    </>
  )
}
