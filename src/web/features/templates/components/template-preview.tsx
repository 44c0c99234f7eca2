import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { ClientSearchField } from '@/components/client-search-field'
import { useDebouncedCallback } from '@/lib/use-debounced-callback'
import { previewQuery } from '@/features/templates/api/templates'

/** The editor's live preview: the text as it is being written, for a client picked from the directory. */
export function TemplatePreview({ body }: { body: string }) {
  const id = useId()
  const [client, setClient] = useState<{ id: string; name: string } | null>(null)
  const [text, setText] = useState(body)
  const settle = useDebouncedCallback((next: string) => setText(next), 400)
  // The preview follows the text once typing pauses.
  useEffect(() => settle(body), [body, settle])
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
          <ClientSearchField id={`${id}-client`} onPick={(c) => setClient({ id: c.id, name: c.label })} />
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
