import { Wifi, WifiOff } from 'lucide-react'
import type { LiveStatus } from '@/lib/events'

const labels: Record<LiveStatus, string> = {
  connecting: 'Подключение к обновлениям…',
  live: 'Обновления в реальном времени',
  offline: 'Нет связи с сервером, переподключаемся…',
}

export function LiveStatusNote({ status }: { status: LiveStatus }) {
  const Icon = status === 'offline' ? WifiOff : Wifi
  return (
    <p
      role="status"
      title={labels[status]}
      className={`flex items-center gap-1.5 px-2 text-xs xl:px-0 ${status === 'offline' ? 'text-red-800' : 'text-slate-600'}`}
    >
      <Icon aria-hidden className="size-3.5 shrink-0" />{' '}
      <span className="sr-only xl:not-sr-only">{labels[status]}</span>
    </p>
  )
}
