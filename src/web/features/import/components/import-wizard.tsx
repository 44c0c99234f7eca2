import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { toast } from 'sonner'
import { MAX_IMPORT_MB, type ImportMatch, type ImportResult } from '@shared/imports'
import { Button } from '@/components/ui/button'
import { ProgressBar } from '@/components/ui/progress-bar'
import { Spinner } from '@/components/ui/spinner'
import { LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'
import { useBatchProgress } from '@/lib/use-batch-progress'
import { meQuery } from '@/lib/me'
import { useImport, useUndoImport } from '@/features/import/api/import'
import { ImportErrors } from './import-errors'
import { ImportPreview } from './import-preview'
import { UndoImportButton } from './undo-import-button'

const matchOptions: { value: ImportMatch; label: string }[] = [
  { value: 'phone', label: 'по телефону' },
  { value: 'email', label: 'по почте' },
  { value: 'none', label: 'не искать: создать нового' },
]

const n = (v: number) => v.toLocaleString('ru')

function Counts({ result, done }: { result: ImportResult; done: boolean }) {
  return (
    <p role="status" className="text-sm text-slate-800">
      {done ? 'Импорт завершён' : 'Проверка файла'}: строк {n(result.rows)} · {done ? 'создано' : 'будет создано'}{' '}
      {n(result.created)} · {done ? 'обновлено' : 'будет обновлено'} {n(result.updated)} · без изменений{' '}
      {n(result.unchanged)} · {done ? 'пропущено' : 'не загрузятся'} из-за ошибок {n(result.skipped)}
    </p>
  )
}

/**
 * "Импорт": a CSV is checked as soon as it is chosen (a dry run: nothing changes), its first rows shown
 * with where each column goes (change it, and it is checked again), the counts and errors; then
 * "Импортировать" with a progress bar, and the import can be undone.
 */
export function ImportWizard() {
  const [file, setFile] = useState<File | null>(null)
  const [matchBy, setMatchBy] = useState<ImportMatch>('phone')
  const [columns, setColumns] = useState<string[] | undefined>()
  const dry = useImport()
  const apply = useImport()
  const undo = useUndoImport()
  const attributes = useQuery(catalogQueries.attributes())
  const me = useQuery(meQuery())
  const progress = useBatchProgress(apply.isPending, me.data?.id)

  const check = (next: { file?: File | null; matchBy?: ImportMatch; columns?: string[] }) => {
    const run = { file, matchBy, columns, ...next }
    setFile(run.file)
    setMatchBy(run.matchBy)
    setColumns(run.columns)
    apply.reset()
    undo.reset()
    if (run.file) dry.mutate({ ...run, file: run.file, dryRun: true })
    else dry.reset()
  }
  const mapped = dry.data?.columns.map((c) => c.target)
  const runImport = () =>
    file &&
    apply.mutate(
      { file, matchBy, columns: mapped, dryRun: false },
      {
        onSuccess: (r) => toast.success(`Импорт завершён: создано ${n(r.created)}, обновлено ${n(r.updated)}`),
      },
    )
  const busy = dry.isPending || apply.isPending

  return (
    <div className="space-y-4">
      <div className="grid gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
            CSV-файл
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            aria-describedby="import-file-hint"
            onChange={(e) => check({ file: e.target.files?.[0] ?? null, columns: undefined })}
            className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
          />
          <p id="import-file-hint" className="text-xs text-slate-600">
            До {MAX_IMPORT_MB} МБ, как выгружает «Экспорт CSV»: «;» или «,», UTF-8 или Windows-1251. Пустая ячейка
            ничего не меняет, теги добавляются.
          </p>
        </div>
        <fieldset className="space-y-1.5" disabled={busy}>
          <legend className="text-sm font-medium text-slate-800">
            Строку без ID и внешнего ID сопоставить с клиентом
          </legend>
          {matchOptions.map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name="import-match"
                checked={matchBy === o.value}
                onChange={() => check({ matchBy: o.value })}
                className="accent-blue-700"
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      </div>

      {dry.isPending && <LoadingState label="Проверяем файл…" />}
      {dry.isError && (
        <p role="alert" className="text-sm text-red-700">
          Файл не принят: {dry.error.message}
        </p>
      )}
      {dry.data && !dry.isPending && (
        <>
          <ImportPreview
            preview={dry.data.preview}
            columns={dry.data.columns}
            targets={dry.data.targets}
            attributes={(attributes.data?.items ?? []).filter((a) => !a.archivedAt)}
            disabled={busy}
            onChange={(i, target) => check({ columns: mapped!.map((t, j) => (j === i ? target : t)) })}
          />
          <Counts result={dry.data} done={false} />
          <ImportErrors errors={dry.data.errors} count={dry.data.errorCount} />
          {!apply.data && (
            <Button onClick={runImport} disabled={busy || dry.data.rows === dry.data.skipped}>
              {apply.isPending && <Spinner />} Импортировать
            </Button>
          )}
        </>
      )}
      {apply.isPending && (
        <ProgressBar label="Импортируем строки" done={progress?.done ?? 0} total={dry.data?.rows ?? null} />
      )}
      {apply.isError && (
        <p role="alert" className="text-sm text-red-700">
          Импорт не удался: {apply.error.message}
        </p>
      )}
      {apply.data?.importId && (
        <div className="space-y-2 rounded-lg bg-green-50 p-4 ring-1 ring-green-200">
          <Counts result={apply.data} done />
          {undo.data ? (
            <p role="status" className="text-sm text-slate-800">
              Импорт отменён: удалено клиентов {n(undo.data.deleted)}, возвращено значений {n(undo.data.reverted)}
              {undo.data.kept > 0 && `, оставлено изменённых с тех пор ${n(undo.data.kept)}`}
              {undo.data.closed > 0 &&
                `, не вернуть (данные клиентов заблокированы или уничтожены) ${n(undo.data.closed)}`}
            </p>
          ) : (
            <UndoImportButton importId={apply.data.importId} undo={undo} label="Отменить импорт" />
          )}
          {undo.isError && (
            <p role="alert" className="text-sm text-red-700">
              Отменить не удалось: {undo.error.message}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
