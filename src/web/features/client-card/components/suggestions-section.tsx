import { useQuery } from '@tanstack/react-query'
import { Check, Sparkles, X } from 'lucide-react'
import { toast } from 'sonner'
import type { Suggestion } from '@shared/suggestions'
import { formatAttributeValue } from '@/lib/attribute-format'
import { suggestionsQuery, useDecideSuggestion } from '@/features/client-card/api/suggestions'

const iconButton = 'inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium disabled:opacity-50'

/**
 * "Подсказки из диалога": what the client wrote that fits an empty field or parameter, e.g. «Телефон:
 * +7 916 …?». "Принять" writes it as any edit would; "Отклонить" hides it for this client.
 */
export function SuggestionsSection({ sessionId, clientId }: { sessionId: string; clientId: string }) {
  const list = useQuery(suggestionsQuery(sessionId))
  const decide = useDecideSuggestion(sessionId, clientId)
  const items = list.data?.items ?? []
  if (items.length === 0) return null
  const run = (s: Suggestion, accept: boolean) =>
    decide.mutate(
      { id: s.id, accept },
      {
        onSuccess: () => accept && toast.success(`${s.name}: сохранено из диалога`),
        onError: (error) => toast.error(`${s.name}: ${error.message}`),
      },
    )
  return (
    <section
      aria-labelledby="suggestions-heading"
      className="space-y-1.5 rounded-md bg-amber-50 p-2 ring-1 ring-amber-200"
    >
      <h3 id="suggestions-heading" className="flex items-center gap-1 text-sm font-semibold text-slate-800">
        <Sparkles aria-hidden className="size-4 text-amber-700" /> Подсказки из диалога
      </h3>
      <ul className="space-y-1">
        {items.map((s) => {
          const text = `${s.name}: ${formatAttributeValue(s.type, s.value)}?`
          return (
            <li key={s.id} className="flex flex-wrap items-center gap-1.5 text-sm text-slate-800">
              <span className="min-w-0 break-words">{text}</span>
              <button
                type="button"
                className={`${iconButton} bg-blue-700 text-white hover:bg-blue-800`}
                disabled={decide.isPending}
                aria-label={`Принять: ${text}`}
                onClick={() => run(s, true)}
              >
                <Check aria-hidden className="size-3.5" /> Принять
              </button>
              <button
                type="button"
                className={`${iconButton} text-slate-700 hover:bg-amber-100`}
                disabled={decide.isPending}
                aria-label={`Отклонить: ${text}`}
                onClick={() => run(s, false)}
              >
                <X aria-hidden className="size-3.5" /> Отклонить
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
