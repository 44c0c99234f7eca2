import { ArrowLeft } from 'lucide-react'
import { Link, useParams } from 'react-router'
import { ClientCard } from '../../features/client-card/components/client-card'

export function ClientPage() {
  const { clientId = '' } = useParams()
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-2xl space-y-2 p-6">
        <Link to="/clients" className="inline-flex items-center gap-1 text-sm text-blue-800 hover:underline">
          <ArrowLeft aria-hidden className="size-4" /> Все клиенты
        </Link>
        <div className="rounded-lg bg-white ring-1 ring-slate-200">
          <ClientCard clientId={clientId} />
        </div>
      </div>
    </div>
  )
}
