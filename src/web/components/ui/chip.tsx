import { X } from 'lucide-react'
import type { KeyboardEvent, ReactNode } from 'react'
import { cn } from '@/lib/cn'

// Spelled out in full so Tailwind finds every class; the keys are the tag palette of the contract.
const chipColors: Record<string, { chip: string; dot: string }> = {
  gray: { chip: 'bg-slate-100 text-slate-800 ring-slate-300', dot: 'bg-slate-500' },
  red: { chip: 'bg-red-50 text-red-900 ring-red-200', dot: 'bg-red-500' },
  orange: { chip: 'bg-orange-50 text-orange-900 ring-orange-200', dot: 'bg-orange-500' },
  amber: { chip: 'bg-amber-50 text-amber-900 ring-amber-200', dot: 'bg-amber-500' },
  green: { chip: 'bg-green-50 text-green-900 ring-green-200', dot: 'bg-green-600' },
  teal: { chip: 'bg-teal-50 text-teal-900 ring-teal-200', dot: 'bg-teal-600' },
  blue: { chip: 'bg-blue-50 text-blue-900 ring-blue-200', dot: 'bg-blue-600' },
  indigo: { chip: 'bg-indigo-50 text-indigo-900 ring-indigo-200', dot: 'bg-indigo-600' },
  violet: { chip: 'bg-violet-50 text-violet-900 ring-violet-200', dot: 'bg-violet-600' },
  pink: { chip: 'bg-pink-50 text-pink-900 ring-pink-200', dot: 'bg-pink-600' },
}

// A colour this panel does not know yet (a newer service) still renders, in gray.
const colorOf = (color: string) => chipColors[color] ?? chipColors.gray!

/** The colour as a dot: next to a name it is decoration, the name says what the chip is. */
export const ColorDot = ({ color, className }: { color: string; className?: string }) => (
  <span aria-hidden className={cn('inline-block size-2 shrink-0 rounded-full', colorOf(color).dot, className)} />
)

interface ChipProps {
  color: string
  children: ReactNode
  title?: string
  muted?: boolean
  /** With it the chip gets a × button, which Backspace and Delete also press while it has focus. */
  onRemove?: () => void
  removeLabel?: string
  className?: string
}

export function Chip({ color, children, title, muted, onRemove, removeLabel, className }: ChipProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'Backspace' || e.key === 'Delete') {
      e.preventDefault()
      onRemove?.()
    }
  }
  // The whole name shows on hover, since a long one is cut; `title` adds to it.
  const tooltip = [typeof children === 'string' ? children : null, title].filter(Boolean).join(' · ') || undefined
  return (
    <span
      className={cn(
        'inline-flex max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        colorOf(color).chip,
        muted && 'opacity-70',
        className,
      )}
    >
      <ColorDot color={color} />
      <span className="truncate" title={tooltip}>
        {children}
      </span>
      {onRemove && (
        <button
          type="button"
          aria-label={removeLabel}
          onClick={onRemove}
          onKeyDown={onKeyDown}
          className="-mr-1 rounded-full p-0.5 hover:bg-black/10"
        >
          <X aria-hidden className="size-3" />
        </button>
      )}
    </span>
  )
}
