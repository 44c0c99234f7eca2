import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import type { BulkInput } from '@shared/batches'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { ProgressBar } from '@/components/ui/progress-bar'
import { Spinner } from '@/components/ui/spinner'
import { catalogQueries } from '@/lib/catalog-queries'
import { useBatchProgress } from '@/lib/use-batch-progress'
import { meQuery } from '@/lib/me'
import { useBulkEdit, useUndoBulkEdit } from '@/features/clients/api/bulk'
import { AttributeValueInput } from '@/components/attribute-value-input'

export type BulkAction = 'addTag' | 'removeTag' | 'setAttribute'

const titles: Record<BulkAction, string> = {
  addTag: 'Добавить тег',
  removeTag: 'Убрать тег',
  setAttribute: 'Задать параметр',
}
const selectClass = 'h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900'

const clientsWord = (n: number) => {
  const [last, lastTwo] = [n % 10, n % 100]
  return last === 1 && lastTwo !== 11 ? 'клиенту' : 'клиентам'
}

interface BulkEditDialogProps {
  action: BulkAction
  /** The directory's filter, as the bulk edit takes it. */
  filter: BulkInput['filter']
  /** The chosen rows; null: every client of the filter. */
  clientIds: string[] | null
  count: number
  onDone: () => void
}

/**
 * One change for many clients: what to change, then a button that says how many it will touch. A large
 * set shows a progress bar while the service works through it; afterwards a toast offers to undo it.
 */
export function BulkEditDialog({ action, filter, clientIds, count, onDone }: BulkEditDialogProps) {
  const [open, setOpen] = useState(false)
  const [tagId, setTagId] = useState('')
  const [attributeId, setAttributeId] = useState('')
  const [value, setValue] = useState('')
  const tags = useQuery({ ...catalogQueries.tags('client'), enabled: open })
  const attributes = useQuery({ ...catalogQueries.attributes(), enabled: open })
  const me = useQuery(meQuery())
  const bulk = useBulkEdit()
  const undo = useUndoBulkEdit()
  const progress = useBatchProgress(bulk.isPending, me.data?.id)
  const attribute = attributes.data?.items.find((a) => a.id === attributeId && !a.archivedAt)
  const ready = action === 'setAttribute' ? Boolean(attribute) : tagId !== ''

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const change =
      action === 'addTag'
        ? { addTags: [tagId] }
        : action === 'removeTag'
          ? { removeTags: [tagId] }
          : { setAttributes: { [attributeId]: value } }
    let result
    try {
      result = await bulk.mutateAsync({ filter, ...(clientIds && { clientIds }), ...change })
    } catch {
      return // the dialog says why, and keeps what was chosen
    }
    setOpen(false)
    onDone()
    toast.success(
      `${titles[action]}: изменено ${result.changed.toLocaleString('ru')} из ${result.matched.toLocaleString('ru')}`,
      {
        duration: 15_000,
        action: {
          label: 'Отменить',
          onClick: () =>
            void undo(result.batchId).then(
              (r) =>
                toast.success(
                  `Изменение отменено${r.kept ? `; ${r.kept} изменённых с тех пор значений оставлены` : ''}` +
                    (r.closed ? `; ${r.closed} не вернуть: данные клиентов заблокированы или уничтожены` : ''),
                ),
              (err: Error) => toast.error(`Отменить не удалось: ${err.message}`),
            ),
        },
      },
    )
  }

  return (
    <Dialog open={open} onOpenChange={(next) => !bulk.isPending && (setOpen(next), bulk.reset())}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          {titles[action]}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={titles[action]}
        description={
          clientIds
            ? `Выбрано клиентов: ${count.toLocaleString('ru')}.`
            : `Все клиенты по фильтру: ${count.toLocaleString('ru')}.`
        }
      >
        <form onSubmit={(e) => void submit(e)} className="space-y-4">
          {action === 'setAttribute' ? (
            <>
              <Field id="bulk-attribute" label="Параметр">
                <select
                  id="bulk-attribute"
                  value={attributeId}
                  onChange={(e) => (setAttributeId(e.target.value), setValue(''))}
                  className={selectClass}
                >
                  <option value="" disabled>
                    Выберите…
                  </option>
                  {attributes.data?.items
                    .filter((a) => !a.archivedAt)
                    .map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name}
                      </option>
                    ))}
                </select>
              </Field>
              {attribute && (
                <Field id="bulk-value" label="Значение" hint="Пусто — очистить значение у всех">
                  <AttributeValueInput
                    id="bulk-value"
                    attribute={attribute}
                    value={value}
                    onChange={setValue}
                    aria-describedby="bulk-value-hint"
                  />
                </Field>
              )}
            </>
          ) : (
            <Field id="bulk-tag" label="Тег клиента">
              <select id="bulk-tag" value={tagId} onChange={(e) => setTagId(e.target.value)} className={selectClass}>
                <option value="" disabled>
                  Выберите…
                </option>
                {tags.data?.items.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {bulk.isPending && (
            <ProgressBar label="Применяем" done={progress?.done ?? 0} total={progress?.total ?? count} />
          )}
          {bulk.isError && (
            <p role="alert" className="text-sm text-red-700">
              {bulk.error.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary" disabled={bulk.isPending}>
                Отмена
              </Button>
            </DialogClose>
            <Button type="submit" disabled={!ready || bulk.isPending}>
              {bulk.isPending && <Spinner />} {titles[action]} {count.toLocaleString('ru')} {clientsWord(count)}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  )
}
