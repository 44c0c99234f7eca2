import { useQuery } from '@tanstack/react-query'
import { Lock } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import type { MissingRequired, Session } from '@shared/sessions'
import { AttributeValueInput } from '@/components/attribute-value-input'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Spinner } from '@/components/ui/spinner'
import { ApiError } from '@/lib/api-client'
import { catalogQueries } from '@/lib/catalog-queries'
import { meQuery } from '@/lib/me'
import { requiredToCloseQuery } from '@/lib/required-to-close'
import { LoadingState } from '@/components/ui/states'
import { useCloseSession, useFillRequired } from '@/features/dialogues/api/sessions'

/** What a refused close named (409 details): parameters and session tag groups; or nothing. */
const missingOf = (error: Error | null): MissingRequired[] =>
  error instanceof ApiError && error.status === 409 && Array.isArray(error.details)
    ? (error.details as MissingRequired[]).filter(
        (d) => typeof d?.attributeId === 'string' || typeof d?.tagGroupId === 'string',
      )
    : []
const keyOf = (m: MissingRequired) => m.attributeId ?? m.tagGroupId!
const selectClass = 'h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900'

/**
 * "Закрыть диалог". When the company requires parameters before closing and the client lacks some, the
 * dialog lists them with an editor each: "Заполнить и закрыть" writes them and closes. A supervisor or
 * admin may also close without them.
 */
export function CloseSessionButton({ session }: { session: Session }) {
  const [open, setOpen] = useState(false)
  const [values, setValues] = useState<Record<string, string>>({})
  const close = useCloseSession(session.id)
  const fill = useFillRequired(session)
  const role = useQuery(meQuery()).data?.role
  // Kept while the next close is on its way: the fields stay on screen instead of blinking away.
  const [refused, setRefused] = useState<MissingRequired[]>([])
  // Asked as the dialog opens: with something missing it opens on the editors, not on a confirmation.
  const ahead = useQuery({ ...requiredToCloseQuery(session.id, session.clientId), enabled: open })
  const missing = refused.length ? refused : (ahead.data?.items ?? [])
  const catalog = useQuery({ ...catalogQueries.attributes(), enabled: missing.some((m) => m.attributeId) })
  const sessionTags = useQuery({ ...catalogQueries.tags('session'), enabled: missing.some((m) => m.tagGroupId) })
  const attributeOf = (id: string) => catalog.data?.items.find((a) => a.id === id)

  const closeNow = (force = false) =>
    close.mutate(
      { force },
      {
        onSuccess: () => {
          setOpen(false)
          toast.success('Диалог закрыт')
        },
        onError: (error) => setRefused(missingOf(error)),
      },
    )
  const fillAndClose = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await fill.mutateAsync({
        values: missing.flatMap((m) =>
          m.attributeId ? [{ attributeId: m.attributeId, value: values[m.attributeId] ?? '' }] : [],
        ),
        tagIds: missing.flatMap((m) => (m.tagGroupId && values[m.tagGroupId] ? [values[m.tagGroupId]!] : [])),
      })
    } catch {
      return // the dialog says what was refused; what was typed stays
    }
    closeNow()
  }
  const pending = close.isPending || fill.isPending
  const problem = fill.error ?? (close.error && missingOf(close.error).length === 0 ? close.error : null)

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), setRefused([]), close.reset(), fill.reset())}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <Lock aria-hidden className="size-4" /> Закрыть диалог
        </Button>
      </DialogTrigger>
      <DialogContent
        title={missing.length ? 'Перед закрытием заполните' : 'Закрыть диалог?'}
        description={
          missing.length
            ? 'Это обязательно при закрытии диалога.'
            : 'Если клиент напишет снова, диалог откроется заново.'
        }
      >
        {ahead.isPending ? (
          <LoadingState />
        ) : (
          <form onSubmit={(e) => void fillAndClose(e)} className="space-y-4">
            {missing.map((m) => {
              const key = keyOf(m)
              const id = `close-required-${key}`
              const set = (value: string) => setValues({ ...values, [key]: value })
              if (m.tagGroupId) {
                return (
                  <Field key={key} id={id} label={m.name}>
                    <select
                      id={id}
                      value={values[key] ?? ''}
                      onChange={(e) => set(e.target.value)}
                      className={selectClass}
                      required
                    >
                      <option value="" disabled>
                        Выберите тег…
                      </option>
                      {sessionTags.data?.items
                        .filter((t) => t.groupId === m.tagGroupId)
                        .map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name}
                          </option>
                        ))}
                    </select>
                  </Field>
                )
              }
              const attribute = attributeOf(key)
              return attribute ? (
                <Field key={key} id={id} label={m.name}>
                  <AttributeValueInput
                    id={id}
                    attribute={attribute}
                    value={values[key] ?? ''}
                    required
                    onChange={set}
                  />
                </Field>
              ) : (
                <p key={key} className="text-sm text-slate-800">
                  {m.name}
                </p>
              )
            })}
            {problem && (
              <p role="alert" className="text-sm text-red-700">
                {problem.message}
              </p>
            )}
            <div className="flex flex-wrap justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">Отмена</Button>
              </DialogClose>
              {missing.length > 0 && role !== 'operator' && (
                <Button variant="danger" onClick={() => closeNow(true)} disabled={pending}>
                  Закрыть без них
                </Button>
              )}
              {missing.length ? (
                <Button type="submit" disabled={pending || missing.some((m) => !(values[keyOf(m)] ?? '').trim())}>
                  {pending && <Spinner />} Заполнить и закрыть
                </Button>
              ) : (
                <Button variant="danger" onClick={() => closeNow()} disabled={pending}>
                  {pending && <Spinner />} Закрыть диалог
                </Button>
              )}
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}
