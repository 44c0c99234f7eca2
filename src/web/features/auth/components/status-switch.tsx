import type { Me } from '@shared/auth'
import { cn } from '@/lib/cn'
import { useSetMyStatus } from '@/features/auth/api/status'

/** A switch in the sidebar named "На связи": off means the operator has stepped away. */
export default function StatusSwitch({ me }: { me: Me }) {
  const set = useSetMyStatus(me)
  const online = me.status === 'online'
  // The error shows beside the switch: the sidebar loads with the first screen, toasts come later.
  return (
    <div>
      <button
        type="button"
        role="switch"
        aria-checked={online}
        aria-label="На связи"
        disabled={set.isPending}
        onClick={() => set.mutate(online ? 'away' : 'online')}
        className="flex w-full items-center gap-2 rounded-md px-1 py-1 text-left text-sm text-slate-800 hover:bg-slate-100"
      >
        <span
          aria-hidden
          className={cn('relative h-4 w-7 rounded-full transition-colors', online ? 'bg-green-600' : 'bg-slate-400')}
        >
          <span
            className={cn(
              'absolute top-0.5 size-3 rounded-full bg-white transition-all',
              online ? 'left-3.5' : 'left-0.5',
            )}
          />
        </span>
        <span className="sr-only xl:not-sr-only">
          На связи{!online && <span className="text-xs text-slate-600"> (отошёл)</span>}
        </span>
      </button>
      {set.isError && (
        <p role="alert" className="text-xs text-red-700">
          Статус не сменился: {set.error.message}
        </p>
      )}
    </div>
  )
}
