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
    <p role="status" className={`flex items-center gap-1.5 text-xs ${status === 'offline' ? 'text-red-800' : 'text-slate-600'}`}>
      <Icon aria-hidden className="size-3.5 shrink-0" /> {labels[status]}
    </p>
  )
}
