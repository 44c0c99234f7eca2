import { useQuery } from '@tanstack/react-query'
import { Hash, Mail, Phone, type LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { CopyButton } from '@/components/ui/copy-button'
import { ErrorState, LoadingState } from '@/components/ui/states'
import type { Client } from '@shared/clients'
import { formatAttributeValue } from '@/lib/attribute-format'
import { formatDateTime } from '@/lib/dates'
import { clientLabel } from '@shared/labels'
import { clientQueries } from '@/features/client-card/api/client'
import { ClientAttributes } from './attributes-section'
import { ClientSessions } from './client-sessions'
import { ClientTagsSection } from './client-tags-section'
import { EditClientDialog } from './edit-client-dialog'
import { NotesSection } from './notes-section'
import { SuggestionsSection } from './suggestions-section'

function Row({
  icon: Icon,
  label,
  value,
  children,
}: {
  icon: LucideIcon
  label: string
  value: string | null
  children: ReactNode
}) {
  return (
    <div className="flex gap-2">
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
      <dt className="sr-only">{label}</dt>
      <dd className="flex min-w-0 items-center gap-0.5 break-words">
        {value ? (
          <>
            {children}
            <CopyButton value={value} what={label} />
          </>
        ) : (
          <span className="text-slate-500">не указан</span>
        )}
      </dd>
    </div>
  )
}

function IdRow({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="flex items-center gap-1.5">
      <Hash aria-hidden className="size-3.5 shrink-0 text-slate-500" />
      <dt className="shrink-0">{label}:</dt>
      <dd className="flex min-w-0 items-center gap-0.5">
        {value ? (
          <>
            <span className="truncate font-mono" title={value}>
              {value}
            </span>
            <CopyButton value={value} what={label} />
          </>
        ) : (
          'нет'
        )}
      </dd>
    </div>
  )
}

/** A card closed to changes (modules/privacy on the service): whoever opens it learns why before trying. */
function ClosedNotice({ client }: { client: Client }) {
  if (!client.blockedAt && !client.erasedAt) return null
  return (
    <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
      {client.erasedAt
        ? `Персональные данные клиента уничтожены ${formatDateTime(client.erasedAt)}. Карточка только для чтения.`
        : `Обработка данных заблокирована: ${client.blockedReason ?? 'идёт проверка запроса'}. Карточку изменить нельзя.`}
    </p>
  )
}

/** "О клиенте": who the client is, in a dialogue what the client wrote that fits an empty field, their tags and attributes, and their dialogues. */
export function ClientCard({ clientId, currentSessionId }: { clientId: string; currentSessionId?: string }) {
  const client = useQuery(clientQueries.detail(clientId))

  return (
    <section aria-labelledby="client-card-heading" className="space-y-4 p-4">
      <h2 id="client-card-heading" className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
        О клиенте
      </h2>
      {client.isPending && <LoadingState />}
      {client.isError && <ErrorState error={client.error} onRetry={() => void client.refetch()} />}
      {client.data && (
        <div className="space-y-2">
          <div className="flex items-start justify-between gap-2">
            <p className="min-w-0 text-base font-semibold break-words text-slate-900">{clientLabel(client.data)}</p>
            <EditClientDialog client={client.data} />
          </div>
          <ClosedNotice client={client.data} />
          <dl className="space-y-1.5 text-sm text-slate-800">
            <Row icon={Phone} label="Телефон" value={client.data.phone}>
              {client.data.phone && formatAttributeValue('phone', client.data.phone)}
            </Row>
            <Row icon={Mail} label="Почта" value={client.data.email}>
              {client.data.email}
            </Row>
          </dl>
          {/* An integration names the client by either id (TWIN "Client Identifier"): both are a click away. */}
          <dl className="space-y-1 text-xs text-slate-700">
            <IdRow label="Внешний ID" value={client.data.externalId} />
            <IdRow label="ID клиента" value={client.data.id} />
          </dl>
        </div>
      )}
      {currentSessionId && <SuggestionsSection sessionId={currentSessionId} clientId={clientId} />}
      <ClientTagsSection clientId={clientId} currentSessionId={currentSessionId} />
      <ClientAttributes clientId={clientId} sessionId={currentSessionId} />
      <NotesSection clientId={clientId} sessionId={currentSessionId} />
      <ClientSessions clientId={clientId} currentSessionId={currentSessionId} />
    </section>
  )
}
