import { useQuery } from '@tanstack/react-query'
import { Download } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { formatDateTime } from '@/lib/dates'
import { downloadDocument, privacyQueries } from '@/features/privacy/api/privacy'

/** «Акты»: every destruction's act, printable with its extract of the Журнал. */
export function ActsPanel() {
  const acts = useQuery(privacyQueries.acts())
  const save = (id: string, number: number) =>
    void downloadDocument(`/erasure-acts/${id}?format=html`, `act-${number}.html`).catch((err: Error) =>
      toast.error(`Скачать не удалось: ${err.message}`),
    )
  if (acts.isPending) return <LoadingState />
  if (acts.isError) return <ErrorState error={acts.error} onRetry={() => void acts.refetch()} />
  if (acts.data.items.length === 0)
    return <EmptyState title="Актов нет">Акт составляется при каждом уничтожении данных.</EmptyState>
  return (
    <ul aria-label="Акты" className="divide-y divide-slate-200">
      {acts.data.items.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
          <div className="min-w-0">
            <p className="font-medium text-slate-900">
              Акт № {a.number} от {formatDateTime(a.performedAt)}
            </p>
            <p className="text-slate-700">
              {a.subject} · {a.reason} · клиентов: {a.clientIds.length} · {a.performedByName}
            </p>
          </div>
          <Button variant="secondary" size="sm" onClick={() => save(a.id, a.number)}>
            <Download aria-hidden className="size-4" /> Скачать акт № {a.number}
          </Button>
        </li>
      ))}
    </ul>
  )
}
