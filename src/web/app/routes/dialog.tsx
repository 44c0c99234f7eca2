import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { ClientCard } from '@/features/client-card/components/client-card'
import { sessionQueries } from '@/features/dialogs/api/sessions'
import { DialogView } from '@/features/dialogs/components/dialog-view'

export function DialogPage() {
  const { sessionId = '' } = useParams()
  const session = useQuery(sessionQueries.detail(sessionId))

  if (session.isPending) return <div className="flex-1"><LoadingState label="Открываем диалог…" /></div>
  if (session.isError) return <div className="flex-1"><ErrorState error={session.error} onRetry={() => void session.refetch()} /></div>

  return (
    <>
      {/* Keyed by dialogue: a draft never moves to another one. */}
      <DialogView key={session.data.id} session={session.data} />
      <aside className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white">
        <ClientCard clientId={session.data.clientId} currentSessionId={session.data.id} />
      </aside>
    </>
  )
}
