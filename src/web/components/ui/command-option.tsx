import { Command } from 'cmdk'
import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

/** One row of a cmdk list, highlighted while the keyboard is on it. */
export function CommandOption({ className, ...props }: ComponentProps<typeof Command.Item>) {
  return (
    <Command.Item
      {...props}
      className={cn('cursor-pointer rounded-md px-2.5 py-1.5 text-sm data-[selected=true]:bg-blue-50', className)}
    />
  )
}
