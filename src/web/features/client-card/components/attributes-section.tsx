import { useQuery } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { requiredToCloseQuery } from '@/lib/required-to-close'
import { clientAttributeQueries } from '@/features/client-card/api/attributes'
import { AttributesPicker } from './attributes-picker'
import { AttributesRow } from './attributes-row'

/**
 * The client's attributes on "О клиенте": the filled ones and those the admin pinned, in catalog order;
 * the rest of the catalog waits behind "+ Параметр". A row the operator touched stays while the card is
 * open, even if its value goes empty, so nothing jumps away under their hands.
 */
/** `sessionId`: in a dialogue, the parameters its close needs are marked «нужно до закрытия». */
export function ClientAttributes({ clientId, sessionId }: { clientId: string; sessionId?: string }) {
  const list = useQuery(clientAttributeQueries.list(clientId))
  const required = useQuery({ ...requiredToCloseQuery(sessionId ?? '', clientId), enabled: sessionId !== undefined })
  const needed = new Set(required.data?.items.flatMap((m) => (m.attributeId ? [m.attributeId] : [])))
  const [kept, setKept] = useState<ReadonlySet<string>>(() => new Set())
  const [opened, setOpened] = useState<string | null>(null)
  const pickerRef = useRef<HTMLButtonElement>(null)

  const keep = useCallback((id: string) => setKept((s) => (s.has(id) ? s : new Set(s).add(id))), [])
  const dismiss = useCallback((id: string) => {
    setKept((s) => {
      const next = new Set(s)
      next.delete(id)
      return next
    })
    pickerRef.current?.focus()
  }, [])
  const pick = useCallback(
    (id: string) => {
      keep(id)
      setOpened(id)
    },
    [keep],
  )

  const items = list.data?.items ?? []
  const isShown = (a: (typeof items)[number]) => a.value !== null || a.pinned || kept.has(a.id) || needed.has(a.id)

  return (
    <div role="group" aria-labelledby="client-attributes-heading" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 id="client-attributes-heading" className="text-sm font-semibold text-slate-800">
          Параметры
        </h3>
        {list.isSuccess && (
          <AttributesPicker items={items.filter((a) => !isShown(a))} onPick={pick} triggerRef={pickerRef} />
        )}
      </div>
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && !items.some(isShown) && (
        <p className="text-sm text-slate-600">
          {items.length ? 'Ничего не заполнено' : 'В каталоге пока нет параметров'}
        </p>
      )}
      <ul aria-label="Параметры клиента" className="space-y-0.5">
        {items.filter(isShown).map((a) => (
          <AttributesRow
            key={a.id}
            clientId={clientId}
            item={a}
            autoEdit={opened === a.id}
            onKeep={keep}
            onDismiss={dismiss}
            neededToClose={needed.has(a.id)}
          />
        ))}
      </ul>
    </div>
  )
}
