import type { ComponentProps } from 'react'
import { hasOptions, type Attribute } from '@shared/attributes'
import { Input } from '@/components/ui/input'
import { cn } from '@/lib/cn'

type InputProps = Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'type'>

interface AttributeValueInputProps extends InputProps {
  attribute: Pick<Attribute, 'type' | 'options'>
  value: string
  onChange: (value: string) => void
}

const selectClass =
  'h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 aria-invalid:border-red-600'

// The browser's own controls where they fit the type: a date picker, a phone or e-mail keyboard.
const inputTypes = { date: 'date', email: 'email', phone: 'tel', link: 'url' } as const

/** A value to compare with, in the control that fits the attribute's type; a multi-select is matched by one option it contains. */
export function AttributeValueInput({ attribute, value, onChange, className, ...props }: AttributeValueInputProps) {
  if (hasOptions(attribute.type) || attribute.type === 'boolean') {
    const options =
      attribute.type === 'boolean'
        ? [
            { value: 'true', label: 'Да' },
            { value: 'false', label: 'Нет' },
          ]
        : attribute.options.map((o) => ({ value: o, label: o }))
    return (
      <select
        id={props.id}
        autoFocus={props.autoFocus}
        aria-invalid={props['aria-invalid']}
        aria-describedby={props['aria-describedby']}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={cn(selectClass, className)}
      >
        <option value="" disabled>
          Выберите…
        </option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    )
  }
  const type = attribute.type in inputTypes ? inputTypes[attribute.type as keyof typeof inputTypes] : 'text'
  return (
    <Input
      {...props}
      type={type}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className={className}
      inputMode={attribute.type === 'number' ? 'decimal' : undefined}
    />
  )
}
