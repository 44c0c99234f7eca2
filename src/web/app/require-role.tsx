import { useQuery } from '@tanstack/react-query'
import { Outlet } from 'react-router'
import type { Role } from '@shared/common'
import { EmptyState } from '@/components/ui/states'
import { meQuery } from '@/lib/me'

/**
 * Pages for some roles only. The service guards its routes itself; this spares the others a page of
 * 403s. `title` says who the page is for.
 */
export function RequireRole({ roles, title }: { roles: readonly Role[]; title: string }) {
  const me = useQuery(meQuery())
  if (!me.data || !roles.includes(me.data.role)) return <EmptyState title={title} />
  return <Outlet />
}
