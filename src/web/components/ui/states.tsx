import { CircleAlert, Inbox, RefreshCw } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button } from './button'
import { Spinner } from './spinner'

export function LoadingState({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-2 p-6 text-sm text-slate-600">
      <Spinner /> {label}
    </div>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 p-8 text-center text-sm text-slate-600">
      <Inbox aria-hidden className="size-8 text-slate-400" />
      <p className="font-medium text-slate-800">{title}</p>
      {children}
    </div>
  )
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="flex flex-col items-center gap-3 p-6 text-center text-sm">
      <CircleAlert aria-hidden className="size-6 text-red-700" />
      <p className="text-slate-800">{error instanceof Error ? error.message : 'Что-то пошло не так'}</p>
      {onRetry && (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          <RefreshCw aria-hidden className="size-4" /> Повторить
        </Button>
      )}
    </div>
  )
}
