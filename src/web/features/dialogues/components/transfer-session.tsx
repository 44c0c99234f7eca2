import * as Popover from '@radix-ui/react-popover'
import { PopoverContent } from '@/components/ui/popover'
import { useQuery } from '@tanstack/react-query'
import { Command } from 'cmdk'
import { ArrowRightLeft } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { roleLabel } from '@shared/labels'
import { operatorsQuery } from '@/lib/operators'
import { useTransferSession, type TransferTarget } from '@/features/dialogues/api/sessions'
import { catalogQueries } from '@/lib/catalog-queries'
import { CommandOption } from '@/components/ui/command-option'

/**
 * "Передать": pick a colleague (with whether they are online) or a group, whose least loaded online
 * member takes the dialogue; typing narrows the list.
 */
export function TransferSession({ sessionId, operatorId }: { sessionId: string; operatorId: string | null }) {
  const [open, setOpen] = useState(false)
  const operators = useQuery({ ...operatorsQuery(), enabled: open })
  const groups = useQuery({ ...catalogQueries.operatorGroups(), enabled: open })
  const transfer = useTransferSession(sessionId)
  const choose = (target: TransferTarget, name: string) =>
    transfer.mutate(target, {
      onSuccess: (session) => {
        setOpen(false)
        toast.success(
          target.kind === 'group'
            ? `Диалог передан группе «${name}»: ${session.operatorName}`
            : `Диалог передан: ${name}`,
        )
      },
      onError: (err) => toast.error(`Не удалось передать диалог: ${err.message}`),
    })

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button variant="secondary" size="sm" disabled={transfer.isPending}>
          <ArrowRightLeft aria-hidden className="size-4" /> Передать
        </Button>
      </Popover.Trigger>
      <PopoverContent aria-label="Передать диалог" align="end" className="w-72">
        {operators.isPending && <LoadingState />}
        {operators.isError && <ErrorState error={operators.error} onRetry={() => void operators.refetch()} />}
        {operators.data && (
          <Command label="Кому передать" className="space-y-1">
            {/* The list loads after the popover opens: the field takes focus once it is there. */}
            <Command.Input
              autoFocus
              placeholder="Имя или почта сотрудника"
              className="h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm"
            />
            <Command.List label="Кому передать" className="max-h-64 overflow-y-auto">
              <Command.Empty className="p-2 text-sm text-slate-600">Никого не нашлось</Command.Empty>
              {(groups.data?.items.length ?? 0) > 0 && (
                <Command.Group
                  heading="Группы"
                  className="text-xs text-slate-600 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1"
                >
                  {groups.data!.items.map((g) => (
                    <CommandOption
                      key={g.id}
                      value={`группа ${g.name}`}
                      onSelect={() => choose({ kind: 'group', id: g.id }, g.name)}
                    >
                      <span className="block font-medium text-slate-900">{g.name}</span>
                      <span className="block text-xs text-slate-600">
                        На связи: {g.onlineCount} из {g.memberIds.length}
                      </span>
                    </CommandOption>
                  ))}
                </Command.Group>
              )}
              <Command.Group
                heading="Сотрудники"
                className="text-xs text-slate-600 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1"
              >
                {operators.data.items
                  .filter((o) => o.id !== operatorId)
                  .map((o) => (
                    <CommandOption
                      key={o.id}
                      value={`${o.name} ${o.email}`}
                      onSelect={() => choose({ kind: 'operator', id: o.id }, o.name)}
                    >
                      <span className="block font-medium text-slate-900">{o.name}</span>
                      <span className="block text-xs text-slate-600">
                        {roleLabel(o.role)} · {o.status === 'online' ? 'на связи' : 'отошёл'} · {o.email}
                      </span>
                    </CommandOption>
                  ))}
              </Command.Group>
            </Command.List>
          </Command>
        )}
      </PopoverContent>
    </Popover.Root>
  )
}
