import { useQuery } from '@tanstack/react-query'
import { Eye } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Link, useLocation } from 'react-router'
import type { SavedView } from '@shared/views'
import { cn } from '@/lib/cn'
import { viewCountQuery, viewsQuery } from '@/features/views/api/views'

/** `capped`: more than `n` (the service counts a view up to MAX_DIRECTORY_COUNT). */
const Count = ({ n, capped }: { n: number; capped?: boolean }) => (
  <span className="hidden text-xs text-slate-600 xl:inline">
    <span className="sr-only">клиентов: {capped && 'более '}</span>
    {n.toLocaleString('ru')}
    {capped && <span aria-hidden>+</span>}
  </span>
)

/** The count of a view the list left uncounted: asked for once the view scrolls into sight. */
function LazyCount({ view }: { view: SavedView }) {
  const ref = useRef<HTMLSpanElement>(null)
  const [seen, setSeen] = useState(typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    const el = ref.current
    if (seen || !el) return
    const observer = new IntersectionObserver(([entry]) => entry?.isIntersecting && setSeen(true))
    observer.observe(el)
    return () => observer.disconnect()
  }, [seen])
  const count = useQuery({ ...viewCountQuery(view.id), enabled: seen })
  return (
    <span ref={ref}>{count.data?.count != null && <Count n={count.data.count} capped={count.data.countCapped} />}</span>
  )
}

/** Saved views under "Клиенты" in the navigation, each with how many clients it shows now. */
export default function ViewsNav() {
  const views = useQuery(viewsQuery())
  const { pathname, search } = useLocation()
  const items = views.data?.items ?? []
  const here = pathname === '/clients' ? new URLSearchParams(search).toString() : null
  if (items.length === 0) return null
  return (
    <ul aria-label="Сохранённые виды" className="space-y-0.5 xl:pl-4">
      {items.map((v) => {
        const current = here === new URLSearchParams(v.query).toString()
        return (
          <li key={v.id}>
            <Link
              to={`/clients?${v.query}`}
              title={v.problem ? `${v.name}. ${v.problem}` : v.name}
              aria-current={current ? 'page' : undefined}
              className={cn(
                'flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm xl:px-3',
                current ? 'bg-blue-50 text-blue-800' : 'text-slate-700 hover:bg-slate-100',
              )}
            >
              <Eye aria-hidden className="size-3.5 shrink-0" />
              <span className="sr-only min-w-0 flex-1 truncate xl:not-sr-only">
                {v.name}
                {v.problem && ' ⚠'}
              </span>
              {v.counted ? v.count !== null && <Count n={v.count} capped={v.countCapped} /> : <LazyCount view={v} />}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
