import { ArrowLeft } from 'lucide-react'
import { useId, useState, type FormEvent } from 'react'
import { checkAttributeValue, type Attribute } from '@shared/attributes'
import { MAX_LAST_DAYS, type AttributeFilter } from '@shared/attribute-filters'
import { Button } from '@/components/ui/button'
import { fieldDescription } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { AttributeValueInput } from '@/components/attribute-value-input'

type Match = AttributeFilter['match']

const labels: Record<Match, string> = {
  value: 'равно',
  set: 'заполнен',
  empty: 'не заполнен',
  range: 'от … до …',
  lastDays: 'за последние дни',
  any: 'любой из',
  all: 'все из',
}

/** The conditions an attribute's type has: ranges for numbers and dates, option sets for lists. */
function matchesOf(type: Attribute['type']): Match[] {
  const extra: Match[] =
    type === 'number'
      ? ['range']
      : type === 'date'
        ? ['range', 'lastDays']
        : type === 'select'
          ? ['any']
          : type === 'multiselect'
            ? ['any', 'all']
            : []
  return ['value', ...extra, 'set', 'empty']
}

interface AttributeConditionFormProps {
  attribute: Attribute
  onBack: () => void
  onApply: (filter: AttributeFilter) => void
}

/**
 * The condition of an attribute filter. Values are checked by the same rules the service filters with,
 * so "abc" for a number or "от" after "до" is refused here, with the reason, rather than answered with a 400.
 */
export function AttributeConditionForm({ attribute, onBack, onApply }: AttributeConditionFormProps) {
  const id = useId()
  const [match, setMatch] = useState<Match>('value')
  const [text, setText] = useState('')
  const [to, setTo] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const [error, setError] = useState<string>()
  const attributeId = attribute.id

  /** A value as it is stored, or undefined with the reason shown. */
  const checked = (raw: string, what: string) => {
    const c = checkAttributeValue(attribute.type, attribute.options, raw)
    if (!c.ok) setError(`${what}${c.error}`)
    return c.ok ? c.value : undefined
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    switch (match) {
      case 'set':
      case 'empty':
        return onApply({ attributeId, match })
      case 'value': {
        const value = checked(text, '')
        // An empty value would mean "not filled in": say so rather than filter by it silently.
        if (value === null) return setError('Введите значение или выберите «не заполнен»')
        return value !== undefined && onApply({ attributeId, match, value })
      }
      case 'range': {
        const gte = checked(text, 'От: ')
        const lte = checked(to, 'До: ')
        if (gte === undefined || lte === undefined) return
        if (gte === null && lte === null) return setError('Укажите хотя бы одну границу')
        const numeric = attribute.type === 'number'
        if (gte !== null && lte !== null && (numeric ? Number(gte) > Number(lte) : gte > lte))
          return setError('«От» больше, чем «до»')
        return onApply({ attributeId, match, ...(gte !== null && { gte }), ...(lte !== null && { lte }) })
      }
      case 'lastDays': {
        const days = Number(text)
        if (!Number.isInteger(days) || days < 1 || days > MAX_LAST_DAYS)
          return setError(`Число дней от 1 до ${MAX_LAST_DAYS}`)
        return onApply({ attributeId, match, days })
      }
      case 'any':
      case 'all':
        return picked.length
          ? onApply({ attributeId, match, values: picked })
          : setError('Отметьте хотя бы один вариант')
    }
  }

  const choose = (next: Match) => {
    setMatch(next)
    setText('')
    setTo('')
    setError(undefined)
  }
  const edit = (set: (v: string) => void) => (v: string) => (set(v), setError(undefined))
  const described = fieldDescription(`${id}-value`, error)

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
        {matchesOf(attribute.type).map((m) => (
          <div key={m} className="space-y-1">
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name={`${id}-match`} value={m} checked={match === m} onChange={() => choose(m)} />
              {labels[m]}
            </label>
            {match === m && m === 'value' && (
              <div className="pl-6">
                <label htmlFor={`${id}-value`} className="sr-only">
                  Значение
                </label>
                <AttributeValueInput
                  id={`${id}-value`}
                  attribute={attribute}
                  value={text}
                  autoFocus
                  onChange={edit(setText)}
                  {...described}
                />
              </div>
            )}
            {match === m && m === 'range' && (
              <div className="grid grid-cols-2 gap-2 pl-6">
                <label className="space-y-0.5 text-xs text-slate-600">
                  От
                  <AttributeValueInput
                    attribute={attribute}
                    value={text}
                    autoFocus
                    onChange={edit(setText)}
                    aria-invalid={described['aria-invalid']}
                  />
                </label>
                <label className="space-y-0.5 text-xs text-slate-600">
                  До
                  <AttributeValueInput
                    attribute={attribute}
                    value={to}
                    onChange={edit(setTo)}
                    aria-invalid={described['aria-invalid']}
                  />
                </label>
              </div>
            )}
            {match === m && m === 'lastDays' && (
              <label className="flex items-center gap-2 pl-6 text-sm text-slate-800">
                <Input
                  type="number"
                  min={1}
                  max={MAX_LAST_DAYS}
                  value={text}
                  autoFocus
                  onChange={(e) => edit(setText)(e.target.value)}
                  className="w-24"
                  aria-label="Дней"
                />
                дней
              </label>
            )}
            {match === m && (m === 'any' || m === 'all') && (
              <fieldset className="max-h-48 space-y-1 overflow-y-auto pl-6">
                <legend className="sr-only">Варианты</legend>
                {attribute.options.map((o) => (
                  <label key={o} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      checked={picked.includes(o)}
                      onChange={(e) => (
                        setPicked(e.target.checked ? [...picked, o] : picked.filter((p) => p !== o)),
                        setError(undefined)
                      )}
                    />
                    {o}
                  </label>
                ))}
              </fieldset>
            )}
          </div>
        ))}
      </fieldset>
      {error && (
        <p id={`${id}-value-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" size="sm" className="w-full">
        Применить
      </Button>
    </form>
  )
}
