import { useQuery } from '@tanstack/react-query'
import { Pencil, Plus, Trash2 } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { toast } from 'sonner'
import type { OperatorGroup } from '@shared/operator-groups'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'
import { operatorsQuery } from '@/lib/operators'
import { useDeleteGroup, useSaveGroup } from '@/features/catalog/groups/api/groups'
import { GroupForm } from './group-form'

function GroupDialog({ group, trigger }: { group?: OperatorGroup; trigger: ReactNode }) {
  const [open, setOpen] = useState(false)
  const save = useSaveGroup()
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent
        title={group ? 'Изменить группу' : 'Новая группа'}
        description="Диалог, переданный группе, получает наименее загруженный оператор на связи."
      >
        <GroupForm
          submitLabel={group ? 'Сохранить' : 'Создать'}
          defaultValues={
            group
              ? {
                  name: group.name,
                  memberIds: group.memberIds,
                  timerFirstAnswer: group.timerFirstAnswer,
                  timerNextAnswers: group.timerNextAnswers,
                }
              : { name: '', memberIds: [], timerFirstAnswer: 0, timerNextAnswers: 0 }
          }
          onSubmit={async (input) => {
            const saved = await save.mutateAsync({ id: group?.id, ...input })
            toast.success(`Группа «${saved.name}» ${group ? 'сохранена' : 'создана'}`)
            setOpen(false)
          }}
        />
      </DialogContent>
    </Dialog>
  )
}

function GroupRow({ group, names }: { group: OperatorGroup; names: Map<string, string> }) {
  const remove = useDeleteGroup()
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900">{group.name}</p>
        <p className="text-xs text-slate-600">
          {group.memberIds.length ? group.memberIds.map((id) => names.get(id) ?? '…').join(', ') : 'нет операторов'} ·
          на связи: {group.onlineCount}
        </p>
      </div>
      <GroupDialog
        group={group}
        trigger={
          <Button variant="ghost" size="sm" aria-label={`Изменить «${group.name}»`}>
            <Pencil aria-hidden className="size-4" /> Изменить
          </Button>
        }
      />
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" aria-label={`Удалить «${group.name}»`}>
            <Trash2 aria-hidden className="size-4" /> Удалить
          </Button>
        }
        title={`Удалить группу «${group.name}»?`}
        description="Операторы останутся; диалоги, переданные группе, останутся у них."
        confirmLabel="Удалить"
        mutation={remove}
        onConfirm={(done) =>
          remove.mutate(group.id, { onSuccess: () => (done(), toast.success(`Группа «${group.name}» удалена`)) })
        }
      />
    </li>
  )
}

/** "Группы": operator groups a dialogue can be passed to, with their SLs. */
export function GroupCatalog() {
  const groups = useQuery(catalogQueries.operatorGroups())
  const operators = useQuery(operatorsQuery())
  const names = new Map(operators.data?.items.map((o) => [o.id, o.name]))
  return (
    <section aria-labelledby="groups-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <div>
          <h2 id="groups-heading" className="text-base font-semibold">
            Группы операторов
          </h2>
          <p className="text-sm text-slate-600">«Передать» в диалоге предлагает группы наравне с сотрудниками.</p>
        </div>
        <GroupDialog
          trigger={
            <Button>
              <Plus aria-hidden className="size-4" /> Новая группа
            </Button>
          }
        />
      </div>
      {groups.isPending && <LoadingState />}
      {groups.isError && <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />}
      {groups.data &&
        (groups.data.items.length === 0 ? (
          <EmptyState title="Групп пока нет" />
        ) : (
          <ul
            aria-label="Группы операторов"
            className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200"
          >
            {groups.data.items.map((group) => (
              <GroupRow key={group.id} group={group} names={names} />
            ))}
          </ul>
        ))}
    </section>
  )
}
