import { Bookmark } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { useLocation } from 'react-router'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogFormActions, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { useSaveView } from '@/features/views/api/views'

/** "Сохранить вид": the directory as it is now (filters, sort, columns) under a name, for oneself or the company. */
export function SaveViewButton() {
  const { search } = useLocation()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [shared, setShared] = useState(false)
  const save = useSaveView()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(
      { name, query: new URLSearchParams(search).toString(), shared },
      {
        onSuccess: (view) => {
          setOpen(false)
          setName('')
          toast.success(`Вид «${view.name}» сохранён${view.shared ? ' для всей компании' : ''}`)
        },
      },
    )
  }
  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), save.reset())}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <Bookmark aria-hidden className="size-4" /> Сохранить вид
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Сохранить вид"
        description="Фильтры, сортировка и столбцы — под названием в меню слева, с числом клиентов."
      >
        <form onSubmit={submit} className="space-y-4">
          <Field id="view-name" label="Название">
            <Input id="view-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required />
          </Field>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className="size-4" checked={shared} onChange={(e) => setShared(e.target.checked)} />{' '}
            Для всей компании
          </label>
          {save.isError && (
            <p role="alert" className="text-sm text-red-700">
              {save.error.message}
            </p>
          )}
          <DialogFormActions pending={save.isPending} submitLabel="Сохранить" />
        </form>
      </DialogContent>
    </Dialog>
  )
}
