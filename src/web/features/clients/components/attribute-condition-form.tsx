import { ArrowLeft } from 'lucide-react'
import { useId, useState, type FormEvent } from 'react'
import { checkAttributeValue, type Attribute } from '@shared/attributes'
import type { AttributeFilter } from '@shared/client-directory'
import { Button } from '@/components/ui/button'
import { fieldDescription } from '@/components/ui/field'
import { AttributeValueInput } from '@/components/attribute-value-input'

type Match = AttributeFilter['match']

interface AttributeConditionFormProps {
  attribute: Attribute
  onBack: () => void
  onApply: (filter: AttributeFilter) => void
}

/**
 * The condition of an attribute filter. A value is checked by the same rules the service filters
 * with, so "abc" for a number is refused here, with the reason, rather than answered with a 400.
 */
export function AttributeConditionForm({ attribute, onBack, onApply }: AttributeConditionFormProps) {
  const id = useId()
  const [match, setMatch] = useState<Match>('value')
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (match !== 'value') return onApply({ attributeId: attribute.id, match })
    const checked = checkAttributeValue(attribute.type, attribute.options, text)
    if (!checked.ok) return setError(checked.error)
    // An empty value would mean "not filled in": say so rather than filter by it silently.
    if (checked.value === null) return setError('Введите значение или выберите «не заполнен»')
    onApply({ attributeId: attribute.id, match: 'value', value: checked.value })
  }

  const radio = (value: Match, label: string) => (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input type="radio" name={`${id}-match`} value={value} checked={match === value} onChange={() => (setMatch(value), setError(undefined))} />
      {label}
    </label>
  )

  return (
    <form onSubmit={submit} className="space-y-3 p-1" noValidate>
      <div className="flex items-center gap-1">
        <Button variant="ghost" size="sm" aria-label="К выбору параметра" onClick={onBack}>
          <ArrowLeft aria-hidden className="size-4" />
        </Button>
        <p className="min-w-0 truncate text-sm font-semibold text-slate-900">{attribute.name}</p>
      </div>
      <fieldset className="space-y-2">
        <legend className="sr-only">Условие</legend>
        {radio('value', 'равно')}
        {match === 'value' && (
          <div className="space-y-1 pl-6">
            <label htmlFor={`${id}-value`} className="sr-only">Значение</label>
            <AttributeValueInput
              id={`${id}-value`} attribute={attribute} value={text} autoFocus
              onChange={(v) => (setText(v), setError(undefined))} {...fieldDescription(`${id}-value`, error)}
            />
            {error && <p id={`${id}-value-error`} role="alert" className="text-sm text-red-700">{error}</p>}
          </div>
        )}
        {radio('set', 'заполнен')}
        {radio('empty', 'не заполнен')}
      </fieldset>
      <Button type="submit" size="sm" className="w-full">Применить</Button>
    </form>
  )
}
