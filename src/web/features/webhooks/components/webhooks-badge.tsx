import { useQuery } from '@tanstack/react-query'
import { webhooksQuery } from '@/features/webhooks/api/webhooks'

/** A mark on «Вебхуки» in the navigation while the service has switched a webhook off for failing. */
export default function WebhooksBadge() {
  const webhooks = useQuery(webhooksQuery())
  const off = webhooks.data?.items.filter((w) => !w.active && w.disabledReason).length ?? 0
  if (!off) return null
  return (
    <span className="absolute -top-1.5 -right-1.5 rounded-full bg-red-700 px-1 text-[10px] text-white xl:static xl:ml-auto xl:px-1.5 xl:text-xs">
      <span className="sr-only">отключены после отказов: </span>
      {off}
    </span>
  )
}
