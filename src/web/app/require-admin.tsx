import { useQuery } from '@tanstack/react-query'
import { Outlet } from 'react-router'
import { EmptyState } from '../components/ui/states'
import { meQuery } from '../features/auth/api/auth'

/** Admin pages. The service guards its routes itself; this spares others a page of 403s. */
export function RequireAdmin() {
  const me = useQuery(meQuery())
  if (me.data?.role !== 'admin') return <EmptyState title="Раздел доступен только администраторам" />
  return <Outlet />
}
