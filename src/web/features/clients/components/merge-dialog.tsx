import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { ClientAttribute } from '@shared/attributes'
import { toast } from 'sonner'
import { CLIENT_FIELDS, clientFieldLabels, type Client, type ClientField } from '@shared/clients'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { Spinner } from '@/components/ui/spinner'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { mergeValuesQuery, useMergeClients, useUndoMerge } from '@/features/clients/api/duplicates'
import { formatAttributeValue } from '@/lib/attribute-format'
import { clientLabel } from '@shared/labels'

type Side = 'target' | 'source'
type Choice = { key: string; label: string; target: string; source: string }

/** One of the two cards, as it is now: its own fields, tags and filled-in values. */
/** A client's own field as people read it: a phone grouped. */
const fieldText = (f: ClientField, value: string | null) =>
  value && f === 'phone' ? formatAttributeValue('phone', value) : value

function CardSummary({ title, client, values }: { title: string; client: Client; values: ClientAttribute[] }) {
  const rows = [
    ...CLIENT_FIELDS.map((f) => [clientFieldLabels[f], fieldText(f, client[f])] as const),
    ['Теги', client.tags.map((t) => t.name).join(', ') || null] as const,
    ...values.filter((a) => a.value !== null).map((a) => [a.name, formatAttributeValue(a.type, a.value!)] as const),
  ]
  return (
    <section aria-label={title} className="rounded-md border border-slate-200 p-3 text-sm">
      <h3 className="text-xs font-semibold text-slate-600 uppercase">{title}</h3>
      <dl className="mt-1 space-y-0.5">
        {rows.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="shrink-0 text-slate-600">{label}:</dt>
            <dd className="min-w-0 break-words text-slate-900">{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

interface MergeDialogProps {
  target: Client
  source: Client
  /** Given: the owner opens it (after picking the source); absent: its own button does. */
  open?: boolean
  onOpenChange?: (open: boolean) => void
}

/**
 * "Объединить": the source card goes into the target. The two cards show side by side; where both have
 * a value and they differ, a pair of radios picks which stays (the target's by default); the preview
 * shows the card that results. After the merge a toast offers to undo it.
 */
export function MergeDialog({ target, source, ...controlled }: MergeDialogProps) {
  const [ownOpen, setOwnOpen] = useState(false)
  const open = controlled.open ?? ownOpen
  const setOpen = controlled.onOpenChange ?? setOwnOpen
  const [picked, setPicked] = useState<Record<string, Side>>({})
  const targetValues = useQuery({ ...mergeValuesQuery(target.id), enabled: open })
  const sourceValues = useQuery({ ...mergeValuesQuery(source.id), enabled: open })
  const merge = useMergeClients()
  const undo = useUndoMerge()

  const choices: Choice[] = [
    ...CLIENT_FIELDS.filter((f) => target[f] && source[f] && target[f] !== source[f]).map((f) => ({
      key: f,
      label: clientFieldLabels[f],
      target: fieldText(f, target[f])!,
      source: fieldText(f, source[f])!,
    })),
    ...(targetValues.data?.items ?? []).flatMap((mine) => {
      const theirs = sourceValues.data?.items.find((a) => a.id === mine.id)
      return mine.value !== null && theirs?.value != null && theirs.value !== mine.value
        ? [
            {
              key: mine.id,
              label: mine.name,
              target: formatAttributeValue(mine.type, mine.value),
              source: formatAttributeValue(mine.type, theirs.value),
            },
          ]
        : []
    }),
  ]
  const side = (key: string): Side => picked[key] ?? 'target'

  // mutateAsync: the list refreshes without this pair as soon as the merge lands, and this dialog with it;
  // the toast must still say what happened and offer the undo.
  const run = async () => {
    const prefer = Object.fromEntries(
      choices.filter((c) => side(c.key) === 'source').map((c) => [c.key, 'source' as const]),
    )
    let merged
    try {
      merged = await merge.mutateAsync({ targetId: target.id, sourceId: source.id, prefer })
    } catch {
      return // the dialog says why (merge.error)
    }
    const { mergeId, client } = merged
    setOpen(false)
    toast.success(`Карточки объединены: ${clientLabel(client)}`, {
      duration: 15_000,
      action: {
        label: 'Отменить объединение',
        onClick: () =>
          void undo(mergeId).then(
            () => toast.success('Объединение отменено: обе карточки на месте'),
            (err: Error) => toast.error(`Отменить не удалось: ${err.message}`),
          ),
      },
    })
  }

  const loading = targetValues.isPending || sourceValues.isPending
  const failed = targetValues.error ?? sourceValues.error
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), merge.reset())}>
      {controlled.open === undefined && (
        <DialogTrigger asChild>
          <Button variant="secondary" size="sm">
            Объединить «{clientLabel(source)}» с «{clientLabel(target)}»
          </Button>
        </DialogTrigger>
      )}
      <DialogContent
        wide
        title="Объединить карточки"
        description={`«${clientLabel(source)}» войдёт в «${clientLabel(target)}»: диалоги, теги и история перейдут к ней, пустое заполнится.`}
      >
        {loading && <LoadingState />}
        {failed && <ErrorState error={failed} />}
        {!loading && !failed && (
          <div className="space-y-4">
            <div className="grid gap-3 sm:grid-cols-2">
              <CardSummary title="Остаётся" client={target} values={targetValues.data?.items ?? []} />
              <CardSummary title="Вливается" client={source} values={sourceValues.data?.items ?? []} />
            </div>
            {choices.length === 0 && (
              <p className="text-sm text-slate-700">Противоречий нет: всё заполненное сохранится.</p>
            )}
            {choices.map((c) => (
              <fieldset key={c.key} className="space-y-1">
                <legend className="text-sm font-medium text-slate-800">{c.label}</legend>
                {(['target', 'source'] as const).map((s) => (
                  <label key={s} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="radio"
                      name={`merge-${c.key}`}
                      checked={side(c.key) === s}
                      onChange={() => setPicked({ ...picked, [c.key]: s })}
                      className="accent-blue-700"
                    />
                    {c[s]}
                  </label>
                ))}
              </fieldset>
            ))}
            {choices.length > 0 && (
              <div className="rounded-md bg-slate-50 p-3 text-sm">
                <p className="font-medium text-slate-800">Останется</p>
                <ul aria-label="Результат объединения">
                  {choices.map((c) => (
                    <li key={c.key}>
                      {c.label}: {c[side(c.key)]}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {merge.isError && (
              <p role="alert" className="text-sm text-red-700">
                {merge.error.message}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Отмена</Button>
              </DialogClose>
              <Button onClick={() => void run()} disabled={merge.isPending}>
                {merge.isPending && <Spinner />} Объединить
              </Button>
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  )
}
