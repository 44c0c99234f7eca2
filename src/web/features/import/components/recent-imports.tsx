import { useQuery } from '@tanstack/react-query'
import { useRef } from 'react'
import { BATCH_UNDO_DAYS, type Batch } from '@shared/batches'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { ErrorState } from '@/components/ui/states'
import { formatDateTime } from '@/lib/dates'
import { recentImportsQuery, useResumeImport, useUndoImport } from '@/features/import/api/import'
import { UndoImportButton } from './undo-import-button'

const n = (v: unknown) => Number(v ?? 0).toLocaleString('ru')
const undoable = (b: Batch) =>
  b.status !== 'running' && !b.undoneAt && Date.now() - Date.parse(b.createdAt) < BATCH_UNDO_DAYS * 86_400_000

/** «Продолжить» an interrupted import: the same file is chosen again, and the rows already in are skipped. */
function ResumeButton({ batch }: { batch: Batch }) {
  const resume = useResumeImport()
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className="sr-only"
        tabIndex={-1}
        aria-label="Тот же файл, чтобы продолжить импорт"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) resume.mutate({ importId: batch.id, file })
          e.target.value = ''
        }}
      />
      <Button size="sm" onClick={() => input.current?.click()} disabled={resume.isPending}>
        {resume.isPending && <Spinner />} Продолжить
      </Button>
      {resume.isError && (
        <span role="alert" className="text-red-700">
          {resume.error.message}
        </span>
      )}
    </>
  )
}

function ImportRow({ batch }: { batch: Batch }) {
  const undo = useUndoImport()
  const s = batch.summary
  const interrupted = batch.status === 'interrupted' && !batch.undoneAt
  const what =
    batch.status === 'running'
      ? `идёт: прочитано строк ${n(batch.done)}`
      : interrupted
        ? `прерван на строке ${n(batch.done)}: создано ${n(s.created)}, обновлено ${n(s.updated)}. Продолжите с того же файла или отмените`
        : `создано ${n(s.created)}, обновлено ${n(s.updated)}, пропущено ${n(s.skipped)}${batch.status === 'failed' ? ' — прервался' : ''}`
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
      <span className="text-slate-800">
        <span className="font-medium">{formatDateTime(batch.createdAt)}</span>
        {batch.createdBy && `, ${batch.createdBy.name}`}: {what}
        {batch.undoneAt && <span className="text-slate-600"> · отменён {formatDateTime(batch.undoneAt)}</span>}
      </span>
      {undo.isError && (
        <span role="alert" className="text-red-700">
          {undo.error.message}
        </span>
      )}
      {interrupted && <ResumeButton batch={batch} />}
      {undoable(batch) && <UndoImportButton importId={batch.id} undo={undo} label="Отменить" size="sm" />}
    </li>
  )
}

/** The latest imports: each can be undone for BATCH_UNDO_DAYS days, not only right after it ran. */
export function RecentImports() {
  const imports = useQuery(recentImportsQuery())
  if (imports.isError) return <ErrorState error={imports.error} onRetry={() => void imports.refetch()} />
  if (!imports.data?.items.length) return null
  return (
    <section aria-labelledby="recent-imports" className="space-y-2">
      <h2 id="recent-imports" className="text-sm font-semibold text-slate-900">
        Последние импорты
      </h2>
      <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
        {imports.data.items.map((b) => (
          <ImportRow key={b.id} batch={b} />
        ))}
      </ul>
    </section>
  )
}
