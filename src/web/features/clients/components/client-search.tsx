import { Search } from 'lucide-react'
import { useState } from 'react'
import { Input } from '@/components/ui/input'
import { useDebouncedCallback } from '@/lib/use-debounced-callback'

/**
 * The keyword search: the table follows once typing pauses, not on every key. The text typed is kept
 * here; a keyword changed from outside (back button, a link) replaces it.
 */
export function ClientSearch({ value, onChange }: { value: string; onChange: (keyword: string) => void }) {
  const [text, setText] = useState(value)
  const [applied, setApplied] = useState(value)
  if (applied !== value) {
    setApplied(value)
    if (text.trim() !== value) setText(value)
  }
  const search = useDebouncedCallback((next: string) => onChange(next.trim()))

  return (
    <div className="relative w-full max-w-sm">
      <label htmlFor="client-search" className="sr-only">
        Поиск клиентов
      </label>
      <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-500" />
      <Input
        id="client-search"
        type="search"
        className="pl-8"
        placeholder="Имя, телефон, почта, ID или значение параметра"
        value={text}
        onChange={(e) => (setText(e.target.value), search(e.target.value))}
      />
    </div>
  )
}
