/**
 * A bar for work that takes a while: filled to `done` of `total`, or a moving stripe while the total is
 * not known yet. The label says what is going on, for screen readers too.
 */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number | null }) {
  const share = total ? Math.min(1, done / total) : null
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total ? done : undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={
            share === null
              ? 'h-full w-1/3 animate-pulse rounded-full bg-blue-600'
              : 'h-full rounded-full bg-blue-600 transition-[width]'
          }
          style={share === null ? undefined : { width: `${share * 100}%` }}
        />
      </div>
      <p className="text-xs text-slate-600">
        {label}
        {total
          ? `: ${done.toLocaleString('ru')} из ${total.toLocaleString('ru')}`
          : done
            ? `: ${done.toLocaleString('ru')}`
            : '…'}
      </p>
    </div>
  )
}
