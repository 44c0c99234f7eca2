import type { Tag } from '@shared/tags'
import { Badge } from '@/components/ui/badge'
import { Chip } from '@/components/ui/chip'
import type { TagKind } from '@/lib/query-keys'
import { ArchiveTagButton, RestoreTagButton } from './archive-tag-button'
import { EditTagDialog } from './edit-tag-dialog'

/** `group`: the name of the tag's group, or null. */
export function TagCatalogRow({ kind, tag, group }: { kind: TagKind; tag: Tag; group: string | null }) {
  const archived = tag.archivedAt !== null
  return (
    <tr className="align-top">
      <td className="px-4 py-3">
        <div className="flex flex-wrap items-center gap-2">
          <Chip color={tag.color} muted={archived}>
            {tag.name}
          </Chip>
          {archived && <Badge>В архиве</Badge>}
        </div>
        {tag.description && <p className="mt-1 text-sm break-words text-slate-700">{tag.description}</p>}
      </td>
      <td className="px-4 py-3 text-sm break-words text-slate-700">
        {group ?? <span className="text-slate-400">—</span>}
      </td>
      <td className="px-4 py-3 text-right text-sm text-slate-700 tabular-nums">{tag.usageCount}</td>
      <td className="px-4 py-2">
        <div className="flex justify-end gap-1">
          <EditTagDialog kind={kind} tag={tag} />
          {archived ? <RestoreTagButton kind={kind} tag={tag} /> : <ArchiveTagButton kind={kind} tag={tag} />}
        </div>
      </td>
    </tr>
  )
}
