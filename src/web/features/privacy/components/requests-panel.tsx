import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import {
  DUE_SOON_WORKING_DAYS,
  PRIVACY_CHANNELS,
  PRIVACY_REQUEST_KINDS,
  PRIVACY_RESOLUTIONS,
  type PrivacyRequest,
} from '@shared/privacy'
import { Badge } from '@/components/ui/badge'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { privacyQueries } from '@/features/privacy/api/privacy'
import { CloseRequest, ExtendRequest } from './request-actions'
import { RequestForm } from './request-form'

/** The deadline and how near it is: red once overdue, amber within DUE_SOON_WORKING_DAYS working days. */
function Due({ request }: { request: PrivacyRequest }) {
  if (request.daysLeft === null) return <>{request.dueOn}</>
  const tone = request.daysLeft < 0 ? 'red' : request.daysLeft <= DUE_SOON_WORKING_DAYS ? 'amber' : null
  const left =
    request.daysLeft < 0
      ? `просрочен на ${-request.daysLeft} раб. дн.`
      : request.daysLeft === 0
        ? 'сегодня'
        : `через ${request.daysLeft} раб. дн.`
  return (
    <span>
      {request.dueOn}{' '}
      <span
        className={
          tone === 'red'
            ? 'font-medium text-red-800'
            : tone === 'amber'
              ? 'font-medium text-amber-900'
              : 'text-slate-600'
        }
      >
        ({left})
      </span>
      {request.extensionReason && <span className="block text-xs text-slate-600">продлён</span>}
    </span>
  )
}

/** «Запросы»: open ones by deadline first, with what each asks and how it was answered. */
export function RequestsPanel() {
  const requests = useQuery(privacyQueries.requests())
  return (
    <section aria-label="Запросы" className="space-y-3">
      <RequestForm />
      {requests.isPending && <LoadingState />}
      {requests.isError && <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data?.items.length === 0 && (
        <EmptyState title="Запросов нет">
          Зарегистрируйте запрос, когда человек попросит сведения о себе или удаление.
        </EmptyState>
      )}
      {!!requests.data?.items.length && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-600">
            <tr>
              <th className="py-1 pr-2">№</th>
              <th className="pr-2">Запрос</th>
              <th className="pr-2">Заявитель</th>
              <th className="pr-2">Срок</th>
              <th className="pr-2">Итог</th>
              <th>
                <span className="sr-only">Действия</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {requests.data.items.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 align-top">
                <td className="py-2 pr-2">{r.number}</td>
                <td className="pr-2">
                  {PRIVACY_REQUEST_KINDS[r.kind].label}
                  <span className="block text-xs text-slate-600">
                    {r.receivedOn}, {PRIVACY_CHANNELS[r.channel]}
                  </span>
                </td>
                <td className="pr-2">
                  {r.subject}
                  {r.client && (
                    <Link to={`/clients/${r.client.id}`} className="block text-xs text-blue-800 hover:underline">
                      {r.client.name ?? 'карточка'}
                    </Link>
                  )}
                </td>
                <td className="pr-2">
                  <Due request={r} />
                </td>
                <td className="pr-2">
                  {r.resolution ? (
                    <Badge tone="green">{PRIVACY_RESOLUTIONS[r.resolution]}</Badge>
                  ) : (
                    <Badge>открыт</Badge>
                  )}
                </td>
                <td className="whitespace-nowrap">
                  {r.status === 'open' && (
                    <>
                      {!r.extensionReason && <ExtendRequest request={r} />}
                      <CloseRequest request={r} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
