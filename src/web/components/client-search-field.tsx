import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { clientLabel } from '@shared/labels'
import { Input } from '@/components/ui/input'
import { clientSearchQuery } from '@/lib/client-search'

/** A search box for one client, by name, phone, e-mail or external ID, with the first few found to pick from. */
export function ClientSearchField({ id, onPick }: { id: string; onPick: (c: { id: string; label: string }) => void }) {
  const [keyword, setKeyword] = useState('')
  const found = useQuery({ ...clientSearchQuery(keyword.trim()), enabled: keyword.trim() !== '' })
  return (
    <>
      <Input
        id={id}
        type="search"
        placeholder="Имя, телефон, e-mail или внешний ID"
        value={keyword}
        onChange={(e) => setKeyword(e.target.value)}
      />
      <ul className="space-y-0.5">
        {found.data?.items.slice(0, 5).map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="text-sm text-blue-800 underline"
              onClick={() => onPick({ id: c.id, label: clientLabel(c) })}
            >
              {clientLabel(c)}
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}
