import { Command } from 'cmdk'
import { attributeTypeLabels, type AttributeType } from '@shared/attributes'
import { CommandOption } from '@/components/ui/command-option'

type Pickable = { id: string; name: string; type: AttributeType; description: string | null }

// Match the name (and description), never the id a row is keyed by.
const byKeywords = (_value: string, search: string, keywords?: string[]) =>
  (keywords ?? []).join(' ').toLocaleLowerCase('ru').includes(search.trim().toLocaleLowerCase('ru')) ? 1 : 0

interface AttributeCommandProps<T extends Pickable> {
  attributes: T[]
  listLabel: string
  /** Shown when the list itself is empty (a search with no match says so on its own). */
  emptyText: string
  onPick: (attribute: T) => void
}

/** A searchable list of catalog attributes with their types: type to narrow, arrows, Enter picks. */
export function AttributeCommand<T extends Pickable>({
  attributes,
  listLabel,
  emptyText,
  onPick,
}: AttributeCommandProps<T>) {
  return (
    <Command label="Найти параметр" filter={byKeywords} className="space-y-1">
      <Command.Input
        placeholder="Название параметра"
        className="h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm"
      />
      <Command.List label={listLabel} className="max-h-64 overflow-y-auto">
        <Command.Empty className="p-2 text-sm text-slate-600">
          {attributes.length ? 'Ничего не нашлось' : emptyText}
        </Command.Empty>
        {attributes.map((a) => (
          <CommandOption
            key={a.id}
            value={a.id}
            keywords={a.description ? [a.name, a.description] : [a.name]}
            onSelect={() => onPick(a)}
            className="flex items-center justify-between gap-2"
          >
            <span className="min-w-0 break-words">{a.name}</span>
            <span className="shrink-0 text-xs text-slate-600">{attributeTypeLabels[a.type]}</span>
          </CommandOption>
        ))}
      </Command.List>
    </Command>
  )
}
