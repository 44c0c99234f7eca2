import * as Popover from '@radix-ui/react-popover'
import { PopoverContent } from '@/components/ui/popover'
import { Command } from 'cmdk'
import { Check } from 'lucide-react'
import { useState, type ReactElement, type ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { CommandOption } from './command-option'

interface MultiSelectOption {
  value: string
  label: string
  icon?: ReactNode
}

interface MultiSelectGroup {
  heading?: string
  options: MultiSelectOption[]
}

interface MultiSelectPopoverProps {
  /** The button that opens it; Radix wires its state and returns focus to it on close. */
  trigger: ReactElement
  /** Name of the popover (a dialog for assistive technology). */
  label: string
  searchLabel: string
  placeholder?: string
  groups: MultiSelectGroup[]
  selected: ReadonlySet<string>
  onToggle: (value: string) => void
  open?: boolean
  onOpenChange?: (open: boolean) => void
  /** Said when there is nothing to choose from at all (as opposed to nothing matching the search). */
  emptyText?: string
  /** Shown instead of the options, e.g. while they load. */
  status?: ReactNode
  align?: 'start' | 'center' | 'end'
  /** Above the search, e.g. a choice of what the checks mean. */
  header?: ReactNode
}

// Substring match on the visible label: fuzzy matching (cmdk's default) also scores the hidden value,
// an id, so "а" would match nearly everything.
const byLabel = (_value: string, search: string, keywords?: string[]) =>
  (keywords ?? []).join(' ').toLocaleLowerCase('ru').includes(search.trim().toLocaleLowerCase('ru')) ? 1 : 0

/**
 * A searchable checklist in a popover, keyboard first: focus lands in the search box, typing filters,
 * arrows move, Enter toggles the highlighted option (it stays open for the next one, with the search
 * cleared for it), Esc closes.
 */
export function MultiSelectPopover(props: MultiSelectPopoverProps) {
  const {
    trigger,
    label,
    searchLabel,
    placeholder,
    groups,
    selected,
    onToggle,
    open,
    onOpenChange,
    emptyText,
    status,
    align = 'start',
    header,
  } = props
  const total = groups.reduce((n, g) => n + g.options.length, 0)
  const [search, setSearch] = useState('')

  return (
    <Popover.Root open={open} onOpenChange={(next) => (setSearch(''), onOpenChange?.(next))}>
      <Popover.Trigger asChild>{trigger}</Popover.Trigger>
      <PopoverContent aria-label={label} align={align} className="w-72">
        {header}
        {status ?? (
          <Command label={searchLabel} filter={byLabel} className="space-y-1">
            {/* Focus lands here also when the options arrive after the popover opened. */}
            <Command.Input
              autoFocus
              value={search}
              onValueChange={setSearch}
              placeholder={placeholder}
              className="h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm"
            />
            <Command.List label={label} className="max-h-64 overflow-y-auto">
              {total === 0 && emptyText ? (
                <p className="p-2 text-sm text-slate-600">{emptyText}</p>
              ) : (
                <Command.Empty className="p-2 text-sm text-slate-600">Ничего не нашлось</Command.Empty>
              )}
              {groups.map((group, i) => (
                <Command.Group
                  key={group.heading ?? i}
                  heading={group.heading}
                  className="[&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-600"
                >
                  {group.options.map((option) => {
                    const checked = selected.has(option.value)
                    return (
                      <CommandOption
                        key={option.value}
                        value={option.value}
                        keywords={[option.label]}
                        aria-checked={checked}
                        onSelect={() => (onToggle(option.value), setSearch(''))}
                        className="flex items-center gap-2"
                      >
                        <Check aria-hidden className={cn('size-4 shrink-0 text-blue-700', !checked && 'invisible')} />
                        {option.icon}
                        <span className="min-w-0 flex-1 truncate">{option.label}</span>
                      </CommandOption>
                    )
                  })}
                </Command.Group>
              ))}
            </Command.List>
          </Command>
        )}
      </PopoverContent>
    </Popover.Root>
  )
}
