import { Search } from 'lucide-react'
import { useState } from 'react'
import type { SessionStatus } from '@shared/sessions'
import { Input } from '@/components/ui/input'
import { useDebouncedCallback } from '@/lib/use-debounced-callback'
import { DialogueTagFilter } from './dialogue-tag-filter'

export interface DialogueFilterValues {
  /** `waiting`: «Ожидают», open dialogues nobody took, longest waiting first. */
  status: SessionStatus | 'all' | 'waiting'
  mine: boolean
  /** The "Спам" folder: dialogues marked as spam, which the list otherwise leaves out. */
  spam: boolean
  keyword: string
  tagIds: string[]
  clientTagIds: string[]
}

interface DialogueFiltersProps {
  value: DialogueFilterValues
  onChange: (next: Partial<DialogueFilterValues>) => void
}

export function DialogueFilters({ value, onChange }: DialogueFiltersProps) {
  const [keyword, setKeyword] = useState(value.keyword)
  // Typed words reach the URL (and the query) once typing pauses.
  const search = useDebouncedCallback((text: string) => onChange({ keyword: text.trim() }))

  return (
    <div className="space-y-2 border-b border-slate-200 p-3">
      <div className="relative">
        <label htmlFor="dialog-search" className="sr-only">
          Поиск по диалогам
        </label>
        <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-500" />
        <Input
          id="dialog-search"
          type="search"
          className="pl-8"
          placeholder="Имя, телефон или фраза"
          value={keyword}
          onChange={(e) => (setKeyword(e.target.value), search(e.target.value))}
        />
      </div>
      <div className="flex items-center gap-3">
        <label htmlFor="dialog-status" className="sr-only">
          Статус
        </label>
        <select
          id="dialog-status"
          value={value.status}
          onChange={(e) => onChange({ status: e.target.value as DialogueFilterValues['status'] })}
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
        >
          <option value="all">Все</option>
          <option value="waiting">Ожидают</option>
          <option value="open">Открытые</option>
          <option value="closed">Закрытые</option>
        </select>
        <label className="flex items-center gap-1.5 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={value.mine}
            onChange={(e) => onChange({ mine: e.target.checked })}
            className="size-4 accent-blue-700"
          />
          Мои
        </label>
        <label className="flex items-center gap-1.5 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={value.spam}
            onChange={(e) => onChange({ spam: e.target.checked })}
            className="size-4 accent-blue-700"
          />
          Спам
        </label>
      </div>
      <DialogueTagFilter value={value} onChange={onChange} />
    </div>
  )
}
