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
import { useCloseSession, useFillValues } from '@/features/dialogs/api/sessions'

/** The parameters a refused close named (409 details), or none. */
const missingOf = (error: Error | null): MissingRequired[] =>
  (error instanceof ApiError && error.status === 409 && Array.isArray(error.details)
    ? (error.details as MissingRequired[]).filter((d) => typeof d?.attributeId === 'string')
    : [])

/**
 * "Закрыть диалог". When the company requires parameters before closing and the client lacks some, the
 * dialog lists them with an editor each: "Заполнить и закрыть" writes them and closes. A supervisor or
 * admin may also close without them.
 */
export function CloseSessionButton({ session }: { session: Session }) {
  const [open, setOpen] = useState(false)
  const [values, setValues] = useState<Record<string, string>>({})
  const close = useCloseSession(session.id)
  const fill = useFillValues(session.clientId)
  const role = useQuery(meQuery()).data?.role
  // Kept while the next close is on its way: the fields stay on screen instead of blinking away.
  const [missing, setMissing] = useState<MissingRequired[]>([])
  const catalog = useQuery({ ...catalogQueries.attributes(), enabled: missing.length > 0 })
  const attributeOf = (id: string) => catalog.data?.items.find((a) => a.id === id)

  const closeNow = (force = false) => close.mutate({ force }, {
    onSuccess: () => {
      setOpen(false)
      toast.success('Диалог закрыт')
    },
    onError: (error) => setMissing(missingOf(error)),
  })
  const fillAndClose = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await fill.mutateAsync(missing.map((m) => ({ attributeId: m.attributeId, value: values[m.attributeId] ?? '' })))
    } catch {
      return // the dialog says what was refused; what was typed stays
    }
    closeNow()
  }
  const pending = close.isPending || fill.isPending
  const problem = fill.error ?? (close.error && missingOf(close.error).length === 0 ? close.error : null)

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), setMissing([]), close.reset(), fill.reset())}>
      <DialogTrigger asChild><Button variant="secondary" size="sm"><Lock aria-hidden className="size-4" /> Закрыть диалог</Button></DialogTrigger>
      <DialogContent
        title={missing.length ? 'Перед закрытием заполните' : 'Закрыть диалог?'}
        description={missing.length ? 'Эти параметры клиента обязательны при закрытии диалога.' : 'Если клиент напишет снова, диалог откроется заново.'}
      >
        <form onSubmit={(e) => void fillAndClose(e)} className="space-y-4">
          {missing.map((m) => {
            const attribute = attributeOf(m.attributeId)
            const id = `close-required-${m.attributeId}`
            return attribute ? (
              <Field key={m.attributeId} id={id} label={m.name}>
                <AttributeValueInput
                  id={id} attribute={attribute} value={values[m.attributeId] ?? ''} required
                  onChange={(value) => setValues({ ...values, [m.attributeId]: value })}
                />
              </Field>
            ) : <p key={m.attributeId} className="text-sm text-slate-800">{m.name}</p>
          })}
          {problem && <p role="alert" className="text-sm text-red-700">{problem.message}</p>}
          <div className="flex flex-wrap justify-end gap-2">
            <DialogClose asChild><Button variant="secondary">Отмена</Button></DialogClose>
            {missing.length > 0 && role !== 'operator' && (
              <Button variant="danger" onClick={() => closeNow(true)} disabled={pending}>Закрыть без них</Button>
            )}
            {missing.length ? (
              <Button type="submit" disabled={pending || missing.some((m) => !(values[m.attributeId] ?? '').trim())}>
                {pending && <Spinner />} Заполнить и закрыть
              </Button>
            ) : (
              <Button variant="danger" onClick={() => closeNow()} disabled={pending}>{pending && <Spinner />} Закрыть диалог</Button>
            )}
          </div>
        </form>
      </DialogContent>
    </Dialog>
  )
}
