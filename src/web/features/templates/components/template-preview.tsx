import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { clientLabel } from '@shared/labels'
import { Input } from '@/components/ui/input'
import { useDebouncedCallback } from '@/lib/use-debounced-callback'
import { clientSearchQuery } from '@/lib/client-search'
import { previewQuery } from '@/features/templates/api/templates'

/** The editor's live preview: the text as it is being written, for a client picked from the directory. */
export function TemplatePreview({ body }: { body: string }) {
  const id = useId()
  const [keyword, setKeyword] = useState('')
  const [client, setClient] = useState<{ id: string; name: string } | null>(null)
  const [text, setText] = useState(body)
  const settle = useDebouncedCallback((next: string) => setText(next), 400)
  // The preview follows the text once typing pauses.
  useEffect(() => settle(body), [body, settle])
  const found = useQuery({ ...clientSearchQuery(keyword.trim()), enabled: !client && keyword.trim() !== '' })
  const preview = useQuery({ ...previewQuery(client?.id ?? '', text), placeholderData: keepPreviousData })
  return (
    <section aria-label="Проверка на клиенте" className="space-y-2 rounded-md bg-slate-50 p-3">
      {client ? (
        <p className="text-sm text-slate-800">
          Как увидит {client.name}{' '}
          <button type="button" className="text-blue-800 underline" onClick={() => setClient(null)}>
            другой клиент
          </button>
        </p>
      ) : (
        <>
          <label htmlFor={`${id}-client`} className="text-sm font-medium text-slate-800">
            Проверить на клиенте
          </label>
          <Input
            id={`${id}-client`}
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
                  onClick={() => setClient({ id: c.id, name: clientLabel(c) })}
                >
                  {clientLabel(c)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {client && preview.isError && (
        <p role="alert" className="text-sm text-red-700">
          {preview.error.message}
        </p>
      )}
      {client && preview.data && (
        <p className="text-sm whitespace-pre-wrap text-slate-900" aria-live="polite">
          {preview.data.text}
        </p>
      )}
    </section>
  )
}
