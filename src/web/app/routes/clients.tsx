import { Search } from 'lucide-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { Input } from '../../components/ui/input'
import { ClientList } from '../../features/clients/components/client-list'
import { useDebouncedCallback } from '../../lib/use-debounced-callback'

export function ClientsPage() {
  const [params, setParams] = useSearchParams()
  const keyword = params.get('q') ?? ''
  const [text, setText] = useState(keyword)
  const search = useDebouncedCallback((value: string) => setParams(value.trim() ? { q: value.trim() } : {}, { replace: true }))

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
        <ClientList keyword={keyword} />
      </div>
    </div>
  )
}
