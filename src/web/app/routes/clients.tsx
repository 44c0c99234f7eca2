import { useQuery } from '@tanstack/react-query'
import { ClientDirectory } from '@/features/clients/components/client-directory'
import { SaveViewButton } from '@/features/views/components/save-view-button'
import { meQuery } from '@/lib/me'

export function ClientsPage() {
  const role = useQuery(meQuery()).data?.role
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ClientDirectory actions={role === 'supervisor' || role === 'admin' ? <SaveViewButton /> : undefined} />
    </div>
  )
}
