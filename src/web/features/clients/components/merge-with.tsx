import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Command } from 'cmdk'
import { useState } from 'react'
import type { Client } from '@shared/clients'
import { clientLabel } from '@shared/labels'
import { Button } from '@/components/ui/button'
import { CommandOption } from '@/components/ui/command-option'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { CLIENT_SEARCH_LIMIT, clientSearchQuery } from '@/lib/client-search'
import { MergeDialog } from './merge-dialog'

const PICK_LIMIT = CLIENT_SEARCH_LIMIT - 1

/**
 * "Объединить с…" on a client's page: find the other card by name, phone, e-mail or external ID, then
 * merge it into this one in the merge dialog (two cards side by side, a choice per conflicting field).
 */
export function MergeWith({ client }: { client: Client }) {
  const [picking, setPicking] = useState(false)
  const [keyword, setKeyword] = useState('')
  const [source, setSource] = useState<Client | null>(null)
  const found = useQuery({
    ...clientSearchQuery(keyword.trim()),
    enabled: picking && keyword.trim().length > 0,
    placeholderData: keepPreviousData,
  })
  const others = (found.data?.items ?? []).filter((c) => c.id !== client.id).slice(0, PICK_LIMIT)

  return (
    <>
      <Dialog open={picking} onOpenChange={setPicking}>
        <DialogTrigger asChild>
          <Button variant="secondary" size="sm">
            Объединить с…
          </Button>
        </DialogTrigger>
        <DialogContent
          title="Объединить с клиентом"
          description={`Найдите карточку, которая войдёт в «${clientLabel(client)}».`}
        >
          <Command label="Найти клиента" shouldFilter={false} className="space-y-1">
            <Command.Input
              value={keyword}
              onValueChange={setKeyword}
              placeholder="Имя, телефон, почта или внешний ID"
              className="h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm"
            />
            <Command.List label="Найденные клиенты" className="max-h-64 overflow-y-auto">
              {keyword.trim() && !found.isPending && others.length === 0 && (
                <p className="p-2 text-sm text-slate-600">Никого не нашлось</p>
              )}
              {found.isError && (
                <p role="alert" className="p-2 text-sm text-red-700">
                  {found.error.message}
                </p>
              )}
              {others.map((c) => (
                <CommandOption
                  key={c.id}
                  value={c.id}
                  onSelect={() => (setPicking(false), setSource(c))}
                  className="flex flex-col items-start"
                >
                  <span className="font-medium">{clientLabel(c)}</span>
                  <span className="text-xs text-slate-600">
                    {[c.phone, c.email, c.externalId].filter(Boolean).join(' · ')}
                  </span>
                </CommandOption>
              ))}
            </Command.List>
          </Command>
        </DialogContent>
      </Dialog>
      {source && <MergeDialog target={client} source={source} open onOpenChange={(open) => !open && setSource(null)} />}
    </>
  )
}
