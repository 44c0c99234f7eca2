import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Field } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input, Textarea } from '@/components/ui/input'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { privacyQueries, useRunRetention, useUpdateSettings } from '@/features/privacy/api/privacy'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The days off deadlines skip (one per line), back to the official calendar with one click. */
function Holidays({ holidays, official }: { holidays: string[]; official: boolean }) {
  const id = useId()
  const [text, setText] = useState(holidays.join('\n'))
  const update = useUpdateSettings()
  const days = text.split(/[\s,;]+/).filter(Boolean)
  const wrong = days.find((d) => !DAY.test(d))
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault()
        update.mutate({ holidays: days }, { onSuccess: () => toast.success('Календарь сохранён') })
      }}
    >
      <Field
        id={id}
        label="Нерабочие праздничные дни, кроме суббот и воскресений"
        hint={
          official
            ? 'Сейчас — официальный календарь. По дню в строке: ГГГГ-ММ-ДД.'
            : 'Свой список компании. По дню в строке: ГГГГ-ММ-ДД.'
        }
        error={wrong && `«${wrong}» — не дата ГГГГ-ММ-ДД`}
      >
        <Textarea id={id} rows={8} className="font-mono" value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <FormError message={update.error?.message} />
      <div className="flex gap-2">
        <Button type="submit" disabled={!!wrong || update.isPending}>
          Сохранить календарь
        </Button>
        {!official && (
          <Button
            variant="secondary"
            onClick={() =>
              update.mutate(
                { holidays: null },
                { onSuccess: (s) => (setText(s.holidays.join('\n')), toast.success('Официальный календарь')) },
              )
            }
          >
            Официальный календарь
          </Button>
        )}
      </div>
    </form>
  )
}

/** Retention: how many months without a dialogue or a change a card is kept; how many would go now. */
function Retention({ months }: { months: number | null }) {
  const id = useId()
  const [value, setValue] = useState(months === null ? '' : String(months))
  const update = useUpdateSettings()
  const preview = useQuery(privacyQueries.retention())
  const run = useRunRetention()
  const n = value.trim() === '' ? null : Number(value)
  return (
    <div className="space-y-2">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          update.mutate({ retentionMonths: n }, { onSuccess: () => toast.success('Срок хранения сохранён') })
        }}
      >
        <Field id={id} label="Срок хранения, месяцев без диалогов и изменений" hint="Пусто — хранить бессрочно">
          <Input
            id={id}
            type="number"
            min={1}
            max={600}
            className="w-40"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </Field>
        <Button type="submit" disabled={update.isPending}>
          Сохранить
        </Button>
      </form>
      <FormError message={update.error?.message} />
      {preview.data?.months != null && (
        <p role="status" className="text-sm text-slate-800">
          Сейчас под срок попадают клиентов: {preview.data.clients}. Сервис уничтожает их раз в сутки, с актом.{' '}
          {preview.data.clients > 0 && (
            <ConfirmDialog
              trigger={
                <Button variant="secondary" size="sm">
                  Уничтожить сейчас
                </Button>
              }
              title="Уничтожить по сроку хранения"
              description={`Данные ${preview.data.clients} клиентов будут уничтожены необратимо, с одним актом.`}
              confirmLabel="Уничтожить"
              mutation={run}
              onConfirm={(close) =>
                run.mutate(undefined, {
                  onSuccess: (r) => (
                    close(),
                    toast.success(r.act ? `Составлен акт № ${r.act.number}` : 'Некого удалять')
                  ),
                })
              }
            />
          )}
        </p>
      )}
      {preview.isError && <ErrorState error={preview.error} />}
    </div>
  )
}

/** «Сроки и хранение»: the deadlines' calendar and retention. */
export function PrivacySettings() {
  const settings = useQuery(privacyQueries.settings())
  if (settings.isPending) return <LoadingState />
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Holidays
        key={settings.data.holidays.join()}
        holidays={settings.data.holidays}
        official={settings.data.officialHolidays}
      />
      <Retention key={String(settings.data.retentionMonths)} months={settings.data.retentionMonths} />
    </div>
  )
}
