import { Search } from 'lucide-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { Input } from '../../components/ui/input'
import { ClientList } from '../../features/clients/components/client-list'
import { ClientTagFilter } from '../../features/clients/components/client-tag-filter'
import { useDebouncedCallback } from '../../lib/use-debounced-callback'

/** Search and tag filter live in the URL (?q=…&tagId=…): a reload or a shared link keeps them. */
export function ClientsPage() {
  const [params, setParams] = useSearchParams()
  const keyword = params.get('q') ?? ''
  const tagIds = params.getAll('tagId')
  const [text, setText] = useState(keyword)
  const update = (next: { q?: string; tagId?: string[] }) =>
    setParams((current) => {
      const merged = new URLSearchParams()
      const q = next.q ?? current.get('q') ?? ''
      if (q) merged.set('q', q)
      for (const tagId of next.tagId ?? current.getAll('tagId')) merged.append('tagId', tagId)
      return merged
    }, { replace: true })
  const search = useDebouncedCallback((value: string) => update({ q: value.trim() }))

  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Клиенты</h1>
        <div className="relative max-w-md">
          <label htmlFor="client-search" className="sr-only">Поиск клиентов</label>
          <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-500" />
          <Input
            id="client-search" type="search" className="pl-8" placeholder="Имя, телефон, почта или внешний ID"
            value={text} onChange={(e) => (setText(e.target.value), search(e.target.value))}
          />
        </div>
        <ClientTagFilter value={tagIds} onChange={(tagId) => update({ tagId })} />
        <ClientList keyword={keyword} tagIds={tagIds} />
      </div>
    </div>
  )
}
