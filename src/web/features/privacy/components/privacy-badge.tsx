import { useQuery } from '@tanstack/react-query'
import { privacyQueries } from '@/features/privacy/api/privacy'

/** A mark on «Персональные данные» while requests are due within two working days (amber) or overdue (red). */
export default function PrivacyBadge() {
  const due = useQuery(privacyQueries.due())
  const n = (due.data?.overdue ?? 0) + (due.data?.dueSoon ?? 0)
  if (!n) return null
  return (
    <span
      className={`absolute -top-1.5 -right-1.5 rounded-full px-1 text-[10px] text-white xl:static xl:ml-auto xl:px-1.5 xl:text-xs ${due.data!.overdue ? 'bg-red-700' : 'bg-amber-700'}`}
    >
      <span className="sr-only">{due.data!.overdue ? 'есть просроченные запросы: ' : 'скоро срок ответа: '}</span>
      {n}
    </span>
  )
}
