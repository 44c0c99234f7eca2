import { useQuery } from '@tanstack/react-query'
import { Tags } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import type { AssignedTag } from '@shared/tags'
import { Button } from '@/components/ui/button'
import { Chip, ColorDot } from '@/components/ui/chip'
import { MultiSelectPopover } from '@/components/ui/multi-select-popover'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { formatDateTime } from '@/lib/dates'
import { catalogQueries } from '@/lib/catalog-queries'
import { byTagGroup } from '@/lib/tag-groups'
import { assignedTagsQuery, useTagAssignment, type TagOwner } from '@/features/client-card/api/tag-assignment'
import { useAltShortcut } from '@/lib/use-alt-shortcut'

interface TagRowProps {
  owner: TagOwner
  /** "Теги клиента" or "Теги сессии". */
  label: string
  /** `{ code: 'KeyN', label: 'Alt+N' }` opens this picker from anywhere on the page. */
  shortcut?: { code: string; label: string; hint: string }
}

const chipTitle = (t: AssignedTag) =>
  [t.archivedAt && 'в архиве', t.addedBy && `добавил ${t.addedBy.name}`, formatDateTime(t.addedAt)]
    .filter(Boolean)
    .join(', ')

/** The tags on a client or a session as chips, and a picker over the matching catalog (active tags only). */
export function TagRow({ owner, label, shortcut }: TagRowProps) {
  const [open, setOpen] = useState(false)
  const assigned = useQuery(assignedTagsQuery(owner))
  const catalog = useQuery(catalogQueries.tags(owner.kind))
  const groups = useQuery({ ...catalogQueries.tagGroups(owner.kind), enabled: open })
  const { mutate } = useTagAssignment(owner)
  const chips = useRef<HTMLUListElement>(null)
  const addButton = useRef<HTMLButtonElement>(null)
  const focusAfterRemoval = useRef<number | null>(null)
  useAltShortcut(shortcut?.code, () => setOpen(true))

  const items = assigned.data?.items ?? []
  const assignedIds = new Set(items.map((t) => t.id))

  // Keyboard removal keeps the operator in the row: focus moves to the neighbouring chip, or the button.
  useEffect(() => {
    const index = focusAfterRemoval.current
    if (index === null) return
    focusAfterRemoval.current = null
    const buttons = chips.current?.querySelectorAll<HTMLButtonElement>('button') ?? []
    ;(buttons[Math.min(index, buttons.length - 1)] ?? addButton.current)?.focus()
  }, [assigned.data])

  const remove = (tag: AssignedTag, index: number) => {
    focusAfterRemoval.current = index
    mutate({ tag, op: 'remove' })
  }
  const toggle = (tagId: string) => {
    const present = items.find((t) => t.id === tagId)
    const tag = present ?? catalog.data?.items.find((t) => t.id === tagId)
    if (tag) mutate({ tag, op: present ? 'remove' : 'add' })
  }

  const pickerStatus = catalog.isPending ? (
    <LoadingState />
  ) : catalog.isError ? (
    <ErrorState error={catalog.error} onRetry={() => void catalog.refetch()} />
  ) : undefined
  const title = shortcut ? `${label}: выбрать (${shortcut.label}; ${shortcut.hint})` : `${label}: выбрать`

  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">{label}</h3>
        <MultiSelectPopover
          open={open}
          onOpenChange={setOpen}
          align="end"
          label={label}
          searchLabel={`Найти: ${label.toLowerCase()}`}
          placeholder="Название тега"
          emptyText="Каталог пуст: теги заводит администратор"
          groups={byTagGroup(catalog.data?.items ?? [], groups.data?.items).map(({ heading, items }) => ({
            heading,
            options: items.map((t) => ({ value: t.id, label: t.name, icon: <ColorDot color={t.color} /> })),
          }))}
          selected={assignedIds}
          onToggle={toggle}
          status={pickerStatus}
          trigger={
            <Button
              ref={addButton}
              variant="ghost"
              size="sm"
              aria-label={`Выбрать: ${label.toLowerCase()}`}
              title={title}
              aria-keyshortcuts={shortcut?.label}
            >
              <Tags aria-hidden className="size-4" /> Выбрать
            </Button>
          }
        />
      </div>
      {assigned.isPending && <LoadingState />}
      {assigned.isError && <ErrorState error={assigned.error} onRetry={() => void assigned.refetch()} />}
      {assigned.data && items.length === 0 && <p className="text-sm text-slate-500">нет</p>}
      {items.length > 0 && (
        <ul ref={chips} aria-label={label} className="flex flex-wrap gap-1.5">
          {items.map((tag, i) => (
            <li key={tag.id} className="max-w-full">
              <Chip
                color={tag.color}
                title={chipTitle(tag)}
                muted={tag.archivedAt !== null}
                onRemove={() => remove(tag, i)}
                removeLabel={`Убрать тег «${tag.name}»`}
              >
                {tag.name}
              </Chip>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
