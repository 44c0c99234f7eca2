import * as Popover from '@radix-ui/react-popover'
import { useQuery } from '@tanstack/react-query'
import { Command } from 'cmdk'
import { ArrowRightLeft } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { roleLabel } from '@/lib/format'
import { operatorsQuery } from '@/features/dialogs/api/operators'
import { useTransferSession } from '@/features/dialogs/api/sessions'
import { CommandOption } from '@/components/ui/command-option'

/** "Передать": pick a colleague from GET /operators; typing narrows the list. */
export function TransferSession({ sessionId, operatorId }: { sessionId: string; operatorId: string | null }) {
  const [open, setOpen] = useState(false)
  const operators = useQuery({ ...operatorsQuery(), enabled: open })
  const transfer = useTransferSession(sessionId)
  const choose = (id: string, name: string) =>
    transfer.mutate(id, {
      onSuccess: () => {
        setOpen(false)
        toast.success(`Диалог передан: ${name}`)
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
      <Popover.Portal>
        <Popover.Content aria-label="Передать диалог" align="end" sideOffset={4} className="z-30 w-72 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200">
          {operators.isPending && <LoadingState />}
          {operators.isError && <ErrorState error={operators.error} onRetry={() => void operators.refetch()} />}
          {operators.data && (
            <Command label="Кому передать" className="space-y-1">
              <Command.Input
                placeholder="Имя или почта сотрудника"
                className="h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm"
              />
              <Command.List label="Сотрудники" className="max-h-64 overflow-y-auto">
                <Command.Empty className="p-2 text-sm text-slate-600">Никого не нашлось</Command.Empty>
                {operators.data.items.filter((o) => o.id !== operatorId).map((o) => (
                  <CommandOption
                    key={o.id} value={`${o.name} ${o.email}`} onSelect={() => choose(o.id, o.name)}
                  >
                    <span className="block font-medium">{o.name}</span>
                    <span className="block text-xs text-slate-600">{roleLabel(o.role)} · {o.email}</span>
                  </CommandOption>
                ))}
              </Command.List>
            </Command>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}
