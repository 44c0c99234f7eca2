import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { toast } from 'sonner'
import type { CompanyPatch } from '@shared/company'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { companyQuery } from '@/lib/company'
import { useUpdateCompany } from '@/features/catalog/company/api/company'

// Russia's zones first, then the rest of the world's, as the runtime knows them.
const RUSSIAN = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
]
const zones = () => [...RUSSIAN, ...Intl.supportedValuesOf('timeZone').filter((z) => !RUSSIAN.includes(z))]

// The countries a support team in the region reads numbers of; the service knows every ISO code.
const COUNTRIES = ['RU', 'BY', 'KZ', 'UZ', 'KG', 'TJ', 'AM', 'AZ', 'GE', 'MD', 'UA', 'TR', 'AE', 'DE', 'GB', 'US']
const countryName = new Intl.DisplayNames(['ru'], { type: 'region' })

const saved = (patch: CompanyPatch) =>
  patch.timeZone
    ? `Часовой пояс компании: ${patch.timeZone}`
    : patch.phoneCountry
      ? `Страна телефонов: ${countryName.of(patch.phoneCountry)}`
      : patch.operatorsExport
        ? 'Операторы могут выгружать клиентов'
        : 'Выгрузка клиентов — только руководителям и администраторам'

const selectClass = 'h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm'

/**
 * "Компания": the time zone its people read times in (the CSV export writes its times there), the country
 * of phones written without a code, and whether operators may download the client directory.
 */
export function CompanySettings() {
  const id = useId()
  const company = useQuery(companyQuery())
  const save = useUpdateCompany()
  const change = (patch: CompanyPatch) =>
    save.mutate(patch, {
      onSuccess: () => toast.success(saved(patch)),
      onError: (err) => toast.error(`Не удалось сохранить: ${err.message}`),
    })
  if (company.isPending) return <LoadingState />
  if (company.isError) return <ErrorState error={company.error} onRetry={() => void company.refetch()} />
  const now = { ...company.data, ...(save.isPending ? save.variables : {}) }
  return (
    <section aria-labelledby={`${id}-heading`} className="max-w-xl space-y-4">
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {company.data.name}
      </h2>
      <div className="space-y-1.5">
        <label htmlFor={`${id}-zone`} className="block text-sm font-medium text-slate-800">
          Часовой пояс
        </label>
        <select
          id={`${id}-zone`}
          value={now.timeZone}
          disabled={save.isPending}
          onChange={(e) => change({ timeZone: e.target.value })}
          aria-describedby={`${id}-zone-hint`}
          className={selectClass}
        >
          {zones().map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <p id={`${id}-zone-hint`} className="text-xs text-slate-600">
          В нём экспорт клиентов в CSV пишет время, со смещением в заголовке столбца.
        </p>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${id}-country`} className="block text-sm font-medium text-slate-800">
          Страна телефонов
        </label>
        <select
          id={`${id}-country`}
          value={now.phoneCountry}
          disabled={save.isPending}
          onChange={(e) => change({ phoneCountry: e.target.value })}
          aria-describedby={`${id}-country-hint`}
          className={selectClass}
        >
          {[...new Set([now.phoneCountry, ...COUNTRIES])].map((code) => (
            <option key={code} value={code}>
              {countryName.of(code)}
            </option>
          ))}
        </select>
        <p id={`${id}-country-hint`} className="text-xs text-slate-600">
          Номер без кода страны (8 916 …, 916 …) читается как номер этой страны. Телефоны хранятся в международном виде.
        </p>
      </div>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-blue-700"
          checked={now.operatorsExport}
          disabled={save.isPending}
          onChange={(e) => change({ operatorsExport: e.target.checked })}
          aria-describedby={`${id}-export-hint`}
        />
        <span>
          Операторы могут выгружать клиентов в CSV
          <span id={`${id}-export-hint`} className="block text-xs text-slate-600">
            Руководители и администраторы могут всегда. Каждая выгрузка записывается в журнал.
          </span>
        </span>
      </label>
    </section>
  )
}
