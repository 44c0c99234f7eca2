import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'

const field =
  'w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 ' +
  'disabled:bg-slate-100 disabled:text-slate-500 aria-invalid:border-red-600'

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(field, 'h-9', className)} {...props} />
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(field, 'py-2', className)} {...props} />
}
