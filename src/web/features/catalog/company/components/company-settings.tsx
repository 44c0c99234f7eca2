import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { toast } from 'sonner'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { companyQuery, useSetTimeZone } from '@/features/catalog/company/api/company'

// Russia's zones first, then the rest of the world's, as the runtime knows them.
const RUSSIAN = ['Europe/Kaliningrad', 'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk',
  'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Magadan', 'Asia/Kamchatka']
const zones = () => [...RUSSIAN, ...Intl.supportedValuesOf('timeZone').filter((z) => !RUSSIAN.includes(z))]

/** "Компания": the time zone its people read times in; the CSV export writes its times there. */
export function CompanySettings() {
  const id = useId()
  const company = useQuery(companyQuery())
  const save = useSetTimeZone()
  const choose = (timeZone: string) => save.mutate(timeZone, {
    onSuccess: (saved) => toast.success(`Часовой пояс компании: ${saved.timeZone}`),
    onError: (err) => toast.error(`Не удалось сменить часовой пояс: ${err.message}`),
  })
  if (company.isPending) return <LoadingState />
  if (company.isError) return <ErrorState error={company.error} onRetry={() => void company.refetch()} />
  return (
    <section aria-labelledby={`${id}-heading`} className="max-w-xl space-y-3">
      <h2 id={`${id}-heading`} className="text-base font-semibold">{company.data.name}</h2>
      <div className="space-y-1.5">
        <label htmlFor={`${id}-zone`} className="block text-sm font-medium text-slate-800">Часовой пояс</label>
        <select
          id={`${id}-zone`} value={save.isPending ? save.variables : company.data.timeZone} disabled={save.isPending}
          onChange={(e) => choose(e.target.value)} aria-describedby={`${id}-hint`}
          className="h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm"
        >
          {zones().map((zone) => <option key={zone} value={zone}>{zone}</option>)}
        </select>
        <p id={`${id}-hint`} className="text-xs text-slate-600">В нём экспорт клиентов в CSV пишет время, со смещением в заголовке столбца.</p>
      </div>
    </section>
  )
}
