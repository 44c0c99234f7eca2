import { useQuery } from '@tanstack/react-query'
import { ArrowLeft } from 'lucide-react'
import { Link, useLocation, useParams } from 'react-router'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { ApiError } from '@/lib/api-client'
import { clientQueries } from '@/features/client-card/api/client'
import { ClientCard } from '@/features/client-card/components/client-card'
import { ClientHistory } from '@/features/client-history/components/client-history'
import { MergeWith } from '@/features/clients/components/merge-with'
import { ClientPrivacyActions } from '@/features/privacy/components/client-privacy-actions'
import type { DirectoryLinkState } from '@/features/clients/utils/link-state'
import { meQuery } from '@/lib/me'

export function ClientPage() {
  const { clientId = '' } = useParams()
  // Back to the directory as it was left: its filters live in its URL.
  const state = useLocation().state as DirectoryLinkState | null
  // One answer for the page: a client that is not there (or another company's) is "not found" once,
  // not an error in each block.
  const client = useQuery(clientQueries.detail(clientId))
  const missing = client.error instanceof ApiError && client.error.status === 404
  const role = useQuery(meQuery()).data?.role
  const reviewer = role === 'supervisor' || role === 'admin'
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-2 p-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Link
            to={`/clients${state?.directorySearch ?? ''}`}
            className="inline-flex items-center gap-1 text-sm text-blue-800 hover:underline"
          >
            <ArrowLeft aria-hidden className="size-4" /> Все клиенты
          </Link>
          <div className="flex flex-wrap items-center gap-2">
            {role === 'admin' && client.data && <ClientPrivacyActions client={client.data} />}
            {reviewer && client.data && !client.data.erasedAt && <MergeWith client={client.data} />}
          </div>
        </div>
        {client.isPending && <LoadingState label="Открываем карточку…" />}
        {missing && (
          <section className="space-y-1 p-8 text-center">
            <h1 className="text-lg font-semibold text-slate-900">Клиент не найден</h1>
            <p className="text-sm text-slate-600">Возможно, ссылка устарела или клиент из другой компании.</p>
          </section>
        )}
        {client.isError && !missing && <ErrorState error={client.error} onRetry={() => void client.refetch()} />}
        {client.isSuccess && (
          <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-4 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
            <div className="rounded-lg bg-white ring-1 ring-slate-200">
              <ClientCard clientId={clientId} />
            </div>
            <div className="rounded-lg bg-white ring-1 ring-slate-200">
              <ClientHistory clientId={clientId} />
            </div>
          </div>
        )}
      </div>
    </div>
  )
}
