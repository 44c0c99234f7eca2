import { useQuery } from '@tanstack/react-query'
import { ArchiveToggle } from '@/components/ui/archive-toggle'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'
import type { TagKind } from '@/lib/query-keys'
import { tagKinds } from './tag-kinds'
import { CreateTagDialog } from './create-tag-dialog'
import { TagCatalogRow } from './tag-catalog-row'
import { TagGroups } from './tag-groups'

/** One catalog page for both kinds: the same list, forms and archive, on its own endpoints. */
export function TagCatalog({
  kind,
  showArchived,
  onShowArchived,
}: {
  kind: TagKind
  showArchived: boolean
  onShowArchived: (show: boolean) => void
}) {
  const { title, about, usage } = tagKinds[kind]
  const tags = useQuery(catalogQueries.tags(kind, showArchived))
  const groups = useQuery(catalogQueries.tagGroups(kind))
  const groupName = (groupId: string | null) => groups.data?.items.find((g) => g.id === groupId)?.name ?? null

  return (
    <section aria-labelledby={`${kind}-tags-heading`} className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={`${kind}-tags-heading`} className="text-base font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-600">{about}</p>
        </div>
        <ArchiveToggle shown={showArchived} onChange={onShowArchived} />
        <CreateTagDialog kind={kind} />
      </div>
      <TagGroups kind={kind} />
      <div className="rounded-lg bg-white ring-1 ring-slate-200">
        {tags.isPending && <LoadingState label="Загружаем теги…" />}
        {tags.isError && <ErrorState error={tags.error} onRetry={() => void tags.refetch()} />}
        {tags.data?.items.length === 0 && <EmptyState title={showArchived ? 'Тегов нет' : 'Тегов пока нет'} />}
        {!!tags.data?.items.length && (
          <table aria-label={title} className="w-full">
            <thead className="border-b border-slate-200 text-left text-xs font-medium text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Тег
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Группа
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium whitespace-nowrap">
                  {usage}
                </th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">Действия</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tags.data.items.map((tag) => (
                <TagCatalogRow key={tag.id} kind={kind} tag={tag} group={groupName(tag.groupId)} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}
