import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react'
import { useRef, type KeyboardEvent, type RefObject } from 'react'
import { useWatch, type UseFormReturn } from 'react-hook-form'
import type { AttributeInput } from '@shared/attributes'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import type { AttributeFields } from './attribute-form'

type Form = UseFormReturn<AttributeFields, unknown, AttributeInput>

/** Per line, the option it was when the dialog opened (null: added now): an edited line is a rename. */
export type OptionOrigins = RefObject<(string | null)[]>

/**
 * The choices of a list attribute, one line each, in the order the operator will see them. Controlled
 * through the form's value: react-hook-form's field arrays want objects, and the contract's `options` is a
 * plain list of strings. `originsRef` follows every line through adds, removals and moves.
 */
export function AttributeOptionsEditor({ form, originsRef }: { form: Form; originsRef?: OptionOrigins }) {
  const {
    control,
    setValue,
    formState: { errors, isSubmitted },
  } = form
  const options = useWatch({ control, name: 'options' }) ?? []
  const inputs = useRef<(HTMLInputElement | null)[]>([])
  // A line added by the button or Enter takes the focus as it mounts.
  const focusOnMount = useRef<number | null>(null)
  const bind = (i: number) => (el: HTMLInputElement | null) => {
    inputs.current[i] = el
    if (el && focusOnMount.current === i) {
      focusOnMount.current = null
      el.focus()
    }
  }

  const update = (next: string[]) => setValue('options', next, { shouldValidate: isSubmitted, shouldDirty: true })
  const add = () => {
    focusOnMount.current = options.length
    originsRef?.current.push(null)
    update([...options, ''])
  }
  const remove = (i: number) => {
    originsRef?.current.splice(i, 1)
    update(options.filter((_, j) => j !== i))
    inputs.current[i - 1]?.focus()
  }
  const move = (i: number, by: -1 | 1) => {
    const swap = <T,>(list: T[]) => list.map((v, j) => (j === i ? list[i + by]! : j === i + by ? list[i]! : v))
    if (originsRef) originsRef.current = swap(originsRef.current)
    update(swap(options))
  }
  // Enter starts the next line rather than submitting a list typed half way.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, i: number) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    if (i === options.length - 1) add()
    else inputs.current[i + 1]?.focus()
  }
  const listError = errors.options?.message ?? errors.options?.root?.message

  return (
    <fieldset className="space-y-2" aria-describedby={listError ? 'attribute-options-error' : undefined}>
      <legend className="text-sm font-medium text-slate-800">Варианты</legend>
      <ul className="space-y-1.5">
        {options.map((option, i) => {
          const error = errors.options?.[i]?.message
          return (
            <li key={i}>
              <div className="flex gap-1.5">
                <Input
                  ref={bind(i)}
                  value={option}
                  aria-label={`Вариант ${i + 1}`}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `attribute-option-${i}-error` : undefined}
                  onChange={(e) => update(options.map((o, j) => (j === i ? e.target.value : o)))}
                  onKeyDown={(e) => onKeyDown(e, i)}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Выше: вариант ${i + 1}`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  <ArrowUp aria-hidden className="size-4" />
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Ниже: вариант ${i + 1}`}
                  disabled={i === options.length - 1}
                  onClick={() => move(i, 1)}
                >
                  <ArrowDown aria-hidden className="size-4" />
                </Button>
                <Button variant="ghost" size="sm" aria-label={`Удалить вариант ${i + 1}`} onClick={() => remove(i)}>
                  <X aria-hidden className="size-4" />
                </Button>
              </div>
              {error && (
                <p id={`attribute-option-${i}-error`} className="mt-1 text-sm text-red-700">
                  {error}
                </p>
              )}
            </li>
          )
        })}
      </ul>
      <Button variant="secondary" size="sm" onClick={add}>
        <Plus aria-hidden className="size-4" /> Добавить вариант
      </Button>
      {listError && (
        <p id="attribute-options-error" role="alert" className="text-sm text-red-700">
          {listError}
        </p>
      )}
    </fieldset>
  )
}
