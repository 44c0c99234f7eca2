import { useQuery } from '@tanstack/react-query'
import { Outlet, useMatch, useSearchParams } from 'react-router'
import { cn } from '@/lib/cn'
import { EmptyState } from '@/components/ui/states'
import { meQuery } from '@/lib/me'
import type { SessionFilters } from '@/features/dialogues/api/sessions'
import { DialogueFilters, type DialogueFilterValues } from '@/features/dialogues/components/dialogue-filters'
import { DialogueList } from '@/features/dialogues/components/dialogue-list'

/** The filters live in the URL (?status=open|closed|waiting&mine=1&spam=1&q=…&tagId=…&clientTagId=…): a reload or a shared link keeps them. */
function useFiltersFromUrl() {
  const [params, setParams] = useSearchParams()
  const status = params.get('status')
  const value: DialogueFilterValues = {
    status: status === 'open' || status === 'closed' || status === 'waiting' ? status : 'all',
    mine: params.get('mine') === '1',
    spam: params.get('spam') === '1',
    keyword: params.get('q') ?? '',
    tagIds: params.getAll('tagId'),
    clientTagIds: params.getAll('clientTagId'),
  }
  const onChange = (next: Partial<DialogueFilterValues>) => {
    const merged = { ...value, ...next }
    const search = new URLSearchParams()
    if (merged.status !== 'all') search.set('status', merged.status)
    if (merged.mine) search.set('mine', '1')
    if (merged.spam) search.set('spam', '1')
    if (merged.keyword) search.set('q', merged.keyword)
    for (const tagId of merged.tagIds) search.append('tagId', tagId)
    for (const tagId of merged.clientTagIds) search.append('clientTagId', tagId)
    setParams(search, { replace: true })
  }
  return { value, onChange, search: params.toString() }
}

export function DialoguesPage() {
  const me = useQuery(meQuery())
  const open = useMatch('/dialogs/:sessionId') !== null
  const { value, onChange, search } = useFiltersFromUrl()
  const filters: SessionFilters = {
    status: value.status === 'all' || value.status === 'waiting' ? undefined : value.status,
    waiting: value.status === 'waiting' || undefined,
    operatorId: value.mine ? me.data?.id : undefined,
    markedAsSpam: value.spam || undefined,
    keyword: value.keyword || undefined,
    tagId: value.tagIds.length ? value.tagIds : undefined,
    clientTagId: value.clientTagIds.length ? value.clientTagIds : undefined,
  }
  return (
    <div className="flex min-h-0 flex-1">
      {/* Below 1280 px an open dialogue takes the list's room, so that the thread and the card stand side by
          side from 1024 px (the dialogue's ← goes back to the list); below 1024 px one column at a time. */}
      <section
        aria-labelledby="dialogs-heading"
        className={cn(
          'min-w-0 flex-col border-r border-slate-200 bg-white lg:w-64 lg:shrink-0 xl:w-80',
          open ? 'hidden xl:flex' : 'flex flex-1 lg:flex-none',
        )}
      >
        <h1 id="dialogs-heading" className="px-3 pt-3 text-base font-semibold">
          Диалоги
        </h1>
        <DialogueFilters value={value} onChange={onChange} />
        <DialogueList filters={filters} search={search} />
      </section>
      <Outlet />
    </div>
  )
}

export function NoDialogueSelected() {
  return (
    <div className="hidden flex-1 items-center justify-center lg:flex">
      <EmptyState title="Выберите диалог в списке слева" />
    </div>
  )
}
