import { useQuery } from '@tanstack/react-query'
import { Plus, X } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { catalogQueries } from '@/lib/catalog-queries'
import type { TagKind } from '@/lib/query-keys'
import { useTagGroupMutations } from '@/features/catalog/tags/api/tag-catalog-mutations'

/**
 * The catalog's groups: "один из" takes the other tag of the group off when one is added; a session group
 * "обязательна при закрытии" has to be on a dialogue before it is closed.
 */
export function TagGroups({ kind }: { kind: TagKind }) {
  const groups = useQuery(catalogQueries.tagGroups(kind))
  const { create, remove } = useTagGroupMutations(kind)
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [single, setSingle] = useState(true)
  const [required, setRequired] = useState(false)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      { name, single, ...(kind === 'session' && { requiredToClose: required }) },
      {
        onSuccess: () => (setOpen(false), setName('')),
      },
    )
  }
  return (
    <div aria-label="Группы тегов" role="group" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">Группы:</span>
      {groups.data?.items.length === 0 && <span className="text-slate-500">нет</span>}
      {groups.data?.items.map((g) => (
        <span
          key={g.id}
          className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-slate-800"
        >
          {g.name}
          {g.single && <Badge>один из</Badge>}
          {g.requiredToClose && <Badge tone="blue">обязательна при закрытии</Badge>}
          <button
            type="button"
            aria-label={`Удалить группу «${g.name}»`}
            className="rounded-full p-0.5 hover:bg-slate-200"
            onClick={() => remove.mutate(g.id)}
          >
            <X aria-hidden className="size-3.5" />
          </button>
        </span>
      ))}
      <Dialog open={open} onOpenChange={(next) => (setOpen(next), create.reset())}>
        <DialogTrigger asChild>
          <Button variant="ghost" size="sm">
            <Plus aria-hidden className="size-4" /> Группа
          </Button>
        </DialogTrigger>
        <DialogContent title="Новая группа тегов">
          <form onSubmit={submit} className="space-y-4">
            <Field id={`${kind}-group-name`} label="Название">
              <Input
                id={`${kind}-group-name`}
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={kind === 'session' ? 'Оплата' : 'Уровень'}
              />
            </Field>
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="size-4"
                checked={single}
                onChange={(e) => setSingle(e.target.checked)}
              />{' '}
              Один тег из группы
            </label>
            {kind === 'session' && (
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={required}
                  onChange={(e) => setRequired(e.target.checked)}
                />{' '}
                Обязательна при закрытии диалога
              </label>
            )}
            {create.isError && (
              <p role="alert" className="text-sm text-red-700">
                {create.error.message}
              </p>
            )}
            <DialogFormActions pending={create.isPending} submitLabel="Создать" />
          </form>
        </DialogContent>
      </Dialog>
      {remove.isError && (
        <p role="alert" className="text-sm text-red-700">
          {remove.error.message}
        </p>
      )}
    </div>
  )
}
