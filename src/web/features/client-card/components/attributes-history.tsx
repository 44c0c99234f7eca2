import * as Popover from '@radix-ui/react-popover'
import { PopoverContent } from '@/components/ui/popover'
import { useQuery } from '@tanstack/react-query'
import { History } from 'lucide-react'
import { useRef, useState } from 'react'
import type { ClientAttribute } from '@shared/attributes'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { RevertButton, RevertDialog } from '@/components/revert-button'
import type { RevertTarget } from '@/lib/revert-value'
import { meQuery } from '@/lib/me'
import { formatDateTime, formatRelative } from '@/lib/dates'
import { clientAttributeQueries } from '@/features/client-card/api/attributes'
import { authorOf, formatAttributeValue } from '@/lib/attribute-format'
import { sourceLabels } from '@shared/attributes'

interface HistoryListProps {
  clientId: string
  item: ClientAttribute
  /** Supervisors and admins put an earlier value back, as on the client page. */
  onRevert?: (target: RevertTarget) => void
}

function HistoryList({ clientId, item, onRevert }: HistoryListProps) {
  const history = useQuery(clientAttributeQueries.history(clientId, item.id))
  if (history.isPending) return <LoadingState />
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />
  if (history.data.items.length === 0) return <p className="p-2 text-sm text-slate-600">Изменений пока не было</p>
  const { items, count } = history.data
  return (
    <>
      <ol className="max-h-72 space-y-2 overflow-y-auto">
        {items.map((h) => (
          <li key={h.id} className="rounded-md bg-slate-50 px-2.5 py-1.5 text-sm">
            <p className="text-xs text-slate-600">
              {authorOf(h)} · {sourceLabels[h.source]}
              <br />
              <time dateTime={h.changedAt}>
                {formatRelative(h.changedAt)}, {formatDateTime(h.changedAt)}
              </time>
            </p>
            <p className="break-words whitespace-pre-wrap text-slate-900">
              <span className="text-slate-600">{formatAttributeValue(item.type, h.oldValue)}</span> →{' '}
              {formatAttributeValue(item.type, h.newValue)}
            </p>
            {onRevert &&
              (() => {
                const target = {
                  clientId,
                  name: item.name,
                  type: item.type,
                  attributeId: item.id,
                  oldValue: h.oldValue,
                }
                return (
                  <div className="mt-1">
                    <RevertButton target={target} onAsk={() => onRevert(target)} />
                  </div>
                )
              })()}
          </li>
        ))}
      </ol>
      {count !== null && count > items.length && (
        <p className="mt-2 text-xs text-slate-600">
          Показаны последние {items.length} из {count}
        </p>
      )}
    </>
  )
}

const trigger = 'rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800'

/**
 * Who changed the value, when, from what to what; loaded when opened. Until first opened it is a plain
 * button: a popover's machinery on each of 200 rows would cost the card a third of its render time.
 */
export function AttributesHistory({ clientId, item }: { clientId: string; item: ClientAttribute }) {
  const [used, setUsed] = useState(false)
  const [open, setOpen] = useState(false)
  const [asking, setAsking] = useState<RevertTarget | null>(null)
  const me = useQuery(meQuery())
  const canRevert = me.data?.role === 'supervisor' || me.data?.role === 'admin'
  const triggerRef = useRef<HTMLButtonElement>(null)
  const label = `История: ${item.name}`
  const icon = <History aria-hidden className="size-3.5" />
  if (!used) {
    const start = () => (setUsed(true), setOpen(true))
    return (
      <button type="button" aria-label={label} title="История изменений" className={trigger} onClick={start}>
        {icon}
      </button>
    )
  }
  // The confirmation opens once the popover is closed: a dialog opened from inside it would be under it.
  const ask = (target: RevertTarget) => (setOpen(false), setAsking(target))
  return (
    <>
      {asking && (
        <RevertDialog target={asking} onClose={() => setAsking(null)} returnFocus={() => triggerRef.current?.focus()} />
      )}
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger ref={triggerRef} aria-label={label} title="История изменений" className={trigger}>
          {icon}
        </Popover.Trigger>
        <PopoverContent aria-label={label} align="end" className="w-80 p-3">
          <p className="mb-2 text-sm font-semibold break-words text-slate-900">{label}</p>
          {open && <HistoryList clientId={clientId} item={item} onRevert={canRevert ? ask : undefined} />}
        </PopoverContent>
      </Popover.Root>
    </>
  )
}
