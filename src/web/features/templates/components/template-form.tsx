import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { useId, useRef } from 'react'
import { useFieldArray, useForm, useWatch } from 'react-hook-form'
import { z } from 'zod'
import { FIXED_VARIABLES, templateInputSchema, type Template, type TemplateInput } from '@shared/templates'
import { Button } from '@/components/ui/button'
import { DialogFormActions } from '@/components/ui/dialog'
import { Field, fieldDescription } from '@/components/ui/field'
import { FormError } from '@/components/ui/form-error'
import { Input, Textarea } from '@/components/ui/input'
import { catalogQueries } from '@/lib/catalog-queries'
import { applyServerError } from '@/lib/form-errors'
import { TemplatePreview } from './template-preview'
import { useVariableSuggestions, type Variable } from './variable-suggestions'

const formSchema = z.object({
  name: templateInputSchema.shape.name,
  code: z.string().trim().min(2, { error: 'Введите код: /доставка' }),
  folder: z.string().max(60),
  body: templateInputSchema.shape.body,
  personal: z.boolean(),
  chatIds: z.array(z.string()),
  groupIds: z.array(z.string()),
  clientTagIds: z.array(z.string()),
  sessionTagIds: z.array(z.string()),
  values: z.array(z.object({ attributeId: z.string().min(1, { error: 'Выберите параметр' }), value: z.string() })),
})
type Fields = z.infer<typeof formSchema>

export const formDefaults = (t?: Template, personal = false): Fields => ({
  name: t?.name ?? '',
  code: t?.code ?? '/',
  folder: t?.folder ?? '',
  body: t?.body ?? '',
  personal: t?.personal ?? personal,
  chatIds: t?.chatIds ?? [],
  groupIds: t?.groupIds ?? [],
  clientTagIds: t?.actions.clientTags.map((x) => x.id) ?? [],
  sessionTagIds: t?.actions.sessionTags.map((x) => x.id) ?? [],
  values: t?.actions.values.map(({ attributeId, value }) => ({ attributeId, value })) ?? [],
})

interface TemplateFormProps {
  defaultValues: Fields
  /** Operators keep personal templates only. */
  sharedAllowed: boolean
  editing: boolean
  submitLabel: string
  onSubmit: (input: TemplateInput) => Promise<unknown>
}

/**
 * A template: name, code, folder, the text with variables (inserted at the cursor from the list), the chats it
 * is for, and the macro: tags it puts on and parameters it sets.
 */
export function TemplateForm({ defaultValues, sharedAllowed, editing, submitLabel, onSubmit }: TemplateFormProps) {
  const id = useId()
  const attributes = useQuery(catalogQueries.attributes())
  const chats = useQuery(catalogQueries.chats())
  const groups = useQuery(catalogQueries.operatorGroups())
  const clientTags = useQuery(catalogQueries.tags('client'))
  const sessionTags = useQuery(catalogQueries.tags('session'))
  const bodyRef = useRef<HTMLTextAreaElement | null>(null)
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setValue,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Fields>({ resolver: zodResolver(formSchema), defaultValues })
  const values = useFieldArray({ control, name: 'values' })
  const body = useWatch({ control, name: 'body' })
  const active = attributes.data?.items.filter((a) => a.archivedAt === null) ?? []

  const variables: Variable[] = [
    ...Object.entries(FIXED_VARIABLES).map(([variable, label]) => ({ variable, label })),
    ...active.map((a) => ({ variable: `param.${a.name}`, label: 'параметр' })),
  ]
  const suggest = useVariableSuggestions({
    box: bodyRef,
    variables,
    listId: `${id}-variables`,
    onComplete: (text, caret) => {
      setValue('body', text, { shouldDirty: true })
      requestAnimationFrame(() => bodyRef.current?.setSelectionRange(caret, caret))
    },
  })

  const insertVariable = (variable: string) => {
    if (!variable) return
    const el = bodyRef.current
    const typed = getValues('body')
    const at = el?.selectionStart ?? typed.length
    setValue('body', `${typed.slice(0, at)}{{${variable}}}${typed.slice(el?.selectionEnd ?? at)}`, {
      shouldDirty: true,
    })
    el?.focus()
  }

  const submit = handleSubmit(async (f) => {
    try {
      await onSubmit({
        name: f.name,
        code: f.code,
        folder: f.folder || null,
        body: f.body,
        personal: f.personal,
        chatIds: f.chatIds,
        groupIds: f.groupIds,
        actions: { clientTagIds: f.clientTagIds, sessionTagIds: f.sessionTagIds, values: f.values },
      })
    } catch (error) {
      applyServerError(error, setError, ['name', 'code', 'folder', 'body'])
    }
  })
  const bodyField = register('body')
  const checkboxes = (
    name: 'chatIds' | 'groupIds' | 'clientTagIds' | 'sessionTagIds',
    legend: string,
    items: { id: string; name: string }[],
  ) =>
    items.length > 0 && (
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">{legend}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {items.map((item) => (
            <label key={item.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" value={item.id} className="size-4 accent-blue-700" {...register(name)} />
              {item.name}
            </label>
          ))}
        </div>
      </fieldset>
    )

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={`${id}-name`} label="Название" error={errors.name?.message}>
          <Input id={`${id}-name`} {...fieldDescription(`${id}-name`, errors.name?.message)} {...register('name')} />
        </Field>
        <Field id={`${id}-code`} label="Код" error={errors.code?.message} hint="Ищется в ответе: /доставка">
          <Input
            id={`${id}-code`}
            {...fieldDescription(`${id}-code`, errors.code?.message, true)}
            {...register('code')}
          />
        </Field>
        <Field id={`${id}-folder`} label="Папка" error={errors.folder?.message}>
          <Input id={`${id}-folder`} {...register('folder')} />
        </Field>
      </div>
      <Field
        id={`${id}-body`}
        label="Текст"
        error={errors.body?.message}
        hint='«{{» подскажет переменные. Пустой параметр без запасного текста спросим у оператора: {{param.Город | "вашем городе"}}'
      >
        <Textarea
          id={`${id}-body`}
          rows={6}
          {...fieldDescription(`${id}-body`, errors.body?.message, true)}
          {...suggest.comboboxProps}
          {...bodyField}
          onKeyDown={suggest.onKeyDown}
          onSelect={suggest.follow}
          ref={(el) => {
            bodyField.ref(el)
            bodyRef.current = el
          }}
        />
      </Field>
      {suggest.list}
      <TemplatePreview body={body} />
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-variable`} className="text-sm text-slate-800">
          Вставить переменную
        </label>
        <select
          id={`${id}-variable`}
          value=""
          onChange={(e) => insertVariable(e.target.value)}
          className="h-9 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-sm"
        >
          <option value="">—</option>
          <optgroup label="Клиент и вы">
            {Object.entries(FIXED_VARIABLES).map(([variable, label]) => (
              <option key={variable} value={variable}>
                {label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Параметры">
            {active.map((a) => (
              <option key={a.id} value={`param.${a.name}`}>
                {a.name}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {sharedAllowed && !editing && (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="size-4 accent-blue-700" {...register('personal')} />
          Личный: виден только мне
        </label>
      )}
      {checkboxes(
        'chatIds',
        'Только в каналах (ничего не отмечено — во всех)',
        chats.data?.items.filter((c) => !c.archivedAt) ?? [],
      )}
      {checkboxes('groupIds', 'Только группам (ничего не отмечено — всем)', groups.data?.items ?? [])}
      <fieldset className="space-y-2 rounded-md p-3 ring-1 ring-slate-200">
        <legend className="px-1 text-sm font-medium text-slate-800">Макрос: что ещё сделать при использовании</legend>
        {checkboxes('clientTagIds', 'Поставить теги клиента', clientTags.data?.items ?? [])}
        {checkboxes('sessionTagIds', 'Поставить теги диалога', sessionTags.data?.items ?? [])}
        {values.fields.map((f, i) => (
          <div key={f.id} className="flex items-end gap-2">
            <div className="flex-1">
              <label htmlFor={`${id}-param-${i}`} className="text-sm text-slate-800">
                Параметр
              </label>
              <select
                id={`${id}-param-${i}`}
                className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
                {...register(`values.${i}.attributeId`)}
              >
                <option value="">—</option>
                {active.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex-1">
              <label htmlFor={`${id}-value-${i}`} className="text-sm text-slate-800">
                Значение
              </label>
              <Input id={`${id}-value-${i}`} {...register(`values.${i}.value`)} />
            </div>
            <Button variant="ghost" size="sm" onClick={() => values.remove(i)} aria-label={`Убрать параметр ${i + 1}`}>
              Убрать
            </Button>
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => values.append({ attributeId: '', value: '' })}>
          Заполнить параметр
        </Button>
      </fieldset>
      <FormError message={errors.root?.server?.message} />
      <DialogFormActions pending={isSubmitting} submitLabel={submitLabel} />
    </form>
  )
}
