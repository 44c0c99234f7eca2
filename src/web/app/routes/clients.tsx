import { ClientDirectory } from '@/features/clients/components/client-directory'

export function ClientsPage() {
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ClientDirectory />
    </div>
  )
}
