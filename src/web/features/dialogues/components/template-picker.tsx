import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Command, defaultFilter } from 'cmdk'
import { useId, useState } from 'react'
import type { MacroStep, MissingValue, Rendered, Template } from '@shared/templates'
import { Button } from '@/components/ui/button'
import { CommandOption } from '@/components/ui/command-option'
import { Input } from '@/components/ui/input'
import { PopoverContent } from '@/components/ui/popover'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { ApiError } from '@/lib/api-client'
import { renderedQuery, sessionTemplatesQuery, useTemplateUse } from '@/features/dialogues/api/templates'

/** How many rows the list shows: the best matches (or the most used), so a company's 500 templates open as fast as 5. */
const SHOWN = 50

/** Fuzzy over the name, code and text, best first; without a search, in the list's order (the most used first). */
function matches(items: Template[], search: string) {
  if (!search.trim()) return items.slice(0, SHOWN)
  return items
    .map((t) => ({ t, score: defaultFilter(`${t.code} ${t.name} ${t.body}`, search) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, SHOWN)
    .map((m) => m.t)
}

interface PickerProps {
  sessionId: string
  clientId: string
  /** The text to put into the reply box (the operator edits and sends it). */
  onInsert: (text: string) => void
  /** Where focus goes when the picker closes, chosen or not: back to the box. */
  returnFocus: () => void
}

function Steps({ steps }: { steps: MacroStep[] }) {
  if (steps.length === 0) return null
  return (
    <div className="text-xs text-slate-700">
      <p className="font-medium">Шаблон изменит:</p>
      <ul className="list-disc pl-4">
        {steps.map((s) => (
          <li key={s.label}>
            {s.label}
            {s.skipped && <span className="text-amber-800"> — пропустим: {s.skipped}</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}

function Preview({ sessionId, templateId }: { sessionId: string; templateId: string }) {
  const rendered = useQuery(renderedQuery(sessionId, templateId))
  if (rendered.isPending) return <LoadingState />
  if (rendered.isError) return <p className="text-sm text-red-700">{rendered.error.message}</p>
  return (
    <div className="space-y-2">
      <p className="text-sm whitespace-pre-wrap text-slate-900">{rendered.data.text}</p>
      {rendered.data.missing.length > 0 && (
        <p className="text-xs text-amber-800">
          Пусто в карточке: {rendered.data.missing.map((m) => `«${m.name}»`).join(', ')}
        </p>
      )}
      <Steps steps={rendered.data.steps} />
    </div>
  )
}

/** An editor for a parameter the text needs and the card has empty: text, or a choice for a list or yes/no. */
function MissingField({
  m,
  value,
  error,
  onChange,
}: {
  m: MissingValue
  value: string
  error?: string
  onChange: (v: string) => void
}) {
  const id = useId()
  const choices =
    m.type === 'boolean'
      ? [
          ['true', 'да'],
          ['false', 'нет'],
        ]
      : m.type === 'select'
        ? m.options.map((o) => [o, o])
        : null
  const hint = m.type === 'date' ? 'ДД.ММ.ГГГГ' : undefined
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {m.name}
      </label>
      {choices ? (
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
        >
          <option value="">—</option>
          {choices.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      ) : (
        <Input
          id={id}
          value={value}
          placeholder={hint}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={!!error}
        />
      )}
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}

/** The card's gaps for the chosen template, filled right here: saved to the card, then the text goes in. */
function FillMissing({
  template,
  rendered,
  pending,
  errors,
  onUse,
  onBack,
}: {
  template: Template
  rendered: Rendered
  pending: boolean
  errors: Record<string, string>
  onUse: (values: { attributeId: string; value: string }[]) => void
  onBack: () => void
}) {
  const editable = rendered.missing.filter((m) => m.editable)
  const [values, setValues] = useState<Record<string, string>>({})
  const filled = editable.flatMap((m) =>
    values[m.attributeId]?.trim() ? [{ attributeId: m.attributeId, value: values[m.attributeId]! }] : [],
  )
  return (
    <form
      className="space-y-3 p-1"
      aria-label={`Заполнить пустое для «${template.name}»`}
      onSubmit={(e) => {
        e.preventDefault()
        // The picker sits inside the reply form in React's tree: its submit must not send the reply.
        e.stopPropagation()
        onUse(filled)
      }}
    >
      <p className="text-sm text-slate-800">
        В карточке не заполнено то, что нужно шаблону «{template.name}». Заполните — значения сохранятся в карточке
        клиента.
      </p>
      {editable.map((m, i) => (
        <MissingField
          key={m.attributeId}
          m={m}
          value={values[m.attributeId] ?? ''}
          error={errors[m.attributeId] ?? (i === 0 ? errors[''] : undefined)}
          onChange={(v) => setValues((old) => ({ ...old, [m.attributeId]: v }))}
        />
      ))}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending || filled.length === 0}>
          Сохранить и вставить
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => onUse([])}>
          Вставить с пропусками
        </Button>
        <Button type="button" variant="ghost" onClick={onBack}>
          К шаблонам
        </Button>
      </div>
    </form>
  )
}

/**
 * The reply box's template picker («/» at the start of the box, or Alt+T): search by name, code and text, the
 * most used first, a preview with this client's values. A template with empty parameters asks for them here.
 */
export default function TemplatePicker({ sessionId, clientId, onInsert, returnFocus }: PickerProps) {
  const queryClient = useQueryClient()
  const list = useQuery(sessionTemplatesQuery(sessionId))
  const use = useTemplateUse(sessionId, clientId)
  const [active, setActive] = useState('')
  const [filling, setFilling] = useState<{ template: Template; rendered: Rendered } | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})

  const insert = (template: Template, values: { attributeId: string; value: string }[]) =>
    use.mutate(
      { templateId: template.id, input: { values } },
      {
        onSuccess: (done) => onInsert(done.text),
        onError: (err) => {
          const found: Record<string, string> = {}
          for (const { path, message } of err instanceof ApiError ? err.fieldErrors : []) {
            const index = /^body\.values\.(\d+)\./.exec(path)?.[1]
            found[index === undefined ? '' : values[Number(index)]!.attributeId] = message
          }
          setErrors(Object.keys(found).length ? found : { '': err.message })
        },
      },
    )

  const choose = async (template: Template) => {
    const rendered = await queryClient.fetchQuery(renderedQuery(sessionId, template.id))
    if (rendered.missing.some((m) => m.editable)) setFilling({ template, rendered })
    else insert(template, [])
  }

  const [search, setSearch] = useState('')
  const all = list.data?.items ?? []
  const shown = matches(all, search)
  const current = shown.find((t) => t.id === active) ?? shown[0]
  return (
    <PopoverContent
      side="top"
      align="start"
      aria-label="Шаблоны ответов"
      className="w-[min(44rem,92vw)]"
      onOpenAutoFocus={(e) => e.preventDefault()}
      onCloseAutoFocus={(e) => (e.preventDefault(), returnFocus())}
    >
      {filling ? (
        <FillMissing
          template={filling.template}
          rendered={filling.rendered}
          pending={use.isPending}
          errors={errors}
          onUse={(values) => insert(filling.template, values)}
          onBack={() => setFilling(null)}
        />
      ) : (
        <Command
          label="Шаблоны ответов"
          value={active}
          onValueChange={setActive}
          shouldFilter={false}
          className="grid gap-2 sm:grid-cols-2"
        >
          <div className="space-y-1">
            {/* There at once, before the list: what the operator types after «/» lands here. */}
            <Command.Input
              autoFocus
              value={search}
              onValueChange={setSearch}
              placeholder="Название, /код или слова из текста"
              className="h-9 w-full rounded-md border border-slate-300 px-2.5 text-sm"
            />
            <Command.List label="Шаблоны" className="max-h-72 overflow-y-auto">
              {list.isPending && <LoadingState />}
              {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
              {list.isSuccess && (
                <Command.Empty className="p-2 text-sm text-slate-600">
                  {all.length ? 'Ничего не нашлось' : 'Шаблонов пока нет: добавьте их на странице «Шаблоны»'}
                </Command.Empty>
              )}
              {shown.map((t) => (
                <CommandOption
                  key={t.id}
                  value={t.id}
                  keywords={[t.name, t.code, t.body]}
                  onSelect={() => void choose(t)}
                >
                  <span className="font-medium text-slate-900">{t.name}</span>{' '}
                  <code className="text-xs text-slate-600">{t.code}</code>
                  {t.myUsage > 0 && <span className="float-right text-xs text-slate-600">{t.myUsage}×</span>}
                </CommandOption>
              ))}
            </Command.List>
          </div>
          <section aria-label="Как будет выглядеть" className="min-h-24 rounded-md bg-slate-50 p-2">
            {current ? <Preview sessionId={sessionId} templateId={current.id} /> : null}
          </section>
        </Command>
      )}
      {use.isPending && <p className="mt-1 text-xs text-slate-600">Вставляем…</p>}
    </PopoverContent>
  )
}
