import * as Popover from '@radix-ui/react-popover'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

/**
 * What a popover, a menu or a calendar shows: in a portal, on the layer above every other. The page's
 * layers, bottom to top: sticky headers (z-10), a modal's overlay (z-40), dialogs and the card's drawer
 * (z-50), popovers (z-60), toasts. A picker opened from inside a drawer is therefore above it.
 */
export function PopoverContent({ className, ...props }: ComponentProps<typeof Popover.Content>) {
  return (
    <Popover.Portal>
      <Popover.Content
        sideOffset={4}
        {...props}
        className={cn('z-60 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200', className)}
      />
    </Popover.Portal>
  )
}
