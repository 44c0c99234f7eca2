import { useQuery } from '@tanstack/react-query'
import { toast } from 'sonner'
import type { Batch } from '@shared/batches'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { formatDateTime } from '@/lib/dates'
import { recentBulkEditsQuery, useResumeBulkEdit, useUndoBulkEdit } from '@/features/clients/api/bulk'

const n = (v: number | null) => (v ?? 0).toLocaleString('ru')

function Interrupted({ batch }: { batch: Batch }) {
  const resume = useResumeBulkEdit()
  const undo = useUndoBulkEdit()
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
      <span className="text-amber-900">
        Массовое изменение от {formatDateTime(batch.createdAt)}
        {batch.createdBy && ` (${batch.createdBy.name})`} прервано: обработано {n(batch.done)} из {n(batch.total)}{' '}
        клиентов.
      </span>
      <span className="flex items-center gap-2">
        {resume.isError && (
          <span role="alert" className="text-red-700">
            {resume.error.message}
          </span>
        )}
        <Button
          size="sm"
          disabled={resume.isPending}
          onClick={() =>
            resume.mutate(batch.id, {
              onSuccess: (r) => toast.success(`Массовое изменение завершено, изменено клиентов: ${n(r.changed)}`),
            })
          }
        >
          {resume.isPending && <Spinner />} Продолжить
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={resume.isPending}
          onClick={() =>
            void undo(batch.id).then(
              (r) => toast.success(`Изменение отменено: возвращено ${n(r.reverted)}`),
              (err: Error) => toast.error(err.message),
            )
          }
        >
          Отменить
        </Button>
      </span>
    </li>
  )
}

/** Bulk edits the service stopped midway (a restart, a crash): what was applied stays until resumed or undone. */
export function InterruptedBulkEdits() {
  const recent = useQuery(recentBulkEditsQuery())
  const interrupted = recent.data?.items.filter((b) => b.status === 'interrupted' && !b.undoneAt) ?? []
  if (interrupted.length === 0) return null
  return (
    <section aria-label="Прерванные массовые изменения" className="rounded-lg bg-amber-50 ring-1 ring-amber-200">
      <ul className="divide-y divide-amber-100">
        {interrupted.map((b) => (
          <Interrupted key={b.id} batch={b} />
        ))}
      </ul>
    </section>
  )
}
