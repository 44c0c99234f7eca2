import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react'
import { cn } from '@/lib/cn'

/** A variable the text can take: what goes between the braces, and what it is. */
export interface Variable {
  variable: string
  label: string
}

const SHOWN = 8

/** The variable being typed at the caret: `{{` and what follows it, not yet closed. */
const typedAt = (text: string, caret: number) => /\{\{\s*([^{}|]*)$/.exec(text.slice(0, caret))

/**
 * Autocomplete for `{{` in the template's text: the variables whose name or label has what is typed after it,
 * arrows to move, Enter or Tab to complete, Esc to dismiss. The text area keeps the focus and points at the
 * highlighted one (`aria-activedescendant`).
 */
export function useVariableSuggestions({
  box,
  variables,
  onComplete,
  listId,
}: {
  box: RefObject<HTMLTextAreaElement | null>
  variables: Variable[]
  onComplete: (text: string, caret: number) => void
  listId: string
}) {
  const [query, setQuery] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  const words = query?.trim().toLocaleLowerCase('ru') ?? ''
  const found =
    query === null
      ? []
      : variables.filter((v) => `${v.variable} ${v.label}`.toLocaleLowerCase('ru').includes(words)).slice(0, SHOWN)
  const open = found.length > 0

  // Esc closes the list, not the dialog around the form: heard on the window before the dialog hears it.
  useEffect(() => {
    if (!open) return
    const onEscape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || document.activeElement !== box.current) return
      e.preventDefault()
      e.stopPropagation()
      setQuery(null)
    }
    window.addEventListener('keydown', onEscape, true)
    return () => window.removeEventListener('keydown', onEscape, true)
  }, [open, box])

  /** Reads what is typed at the caret after each change or caret move. */
  const follow = () => {
    const el = box.current
    const typed = el ? typedAt(el.value, el.selectionStart) : null
    setQuery(typed ? typed[1]! : null)
    setActive(0)
  }

  const complete = (v: Variable) => {
    const el = box.current
    if (!el) return
    const caret = el.selectionStart
    const start = caret - typedAt(el.value, caret)![0].length
    const text = `${el.value.slice(0, start)}{{${v.variable}}}${el.value.slice(caret)}`
    onComplete(text, start + v.variable.length + 4)
    setQuery(null)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length)
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault()
      complete(found[active]!)
    }
  }

  // A text box that suggests (aria-autocomplete): it stays a text box, the list is named by aria-controls.
  const comboboxProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? `${listId}-${active}` : undefined,
  }

  const list = open && (
    <ul
      id={listId}
      role="listbox"
      aria-label="Переменные"
      className="rounded-md bg-white py-1 shadow ring-1 ring-slate-200"
    >
      {found.map((v, i) => (
        <li
          key={v.variable}
          id={`${listId}-${i}`}
          role="option"
          aria-selected={i === active}
          // The text area keeps the focus: a click completes without taking it.
          onMouseDown={(e) => (e.preventDefault(), complete(v))}
          className={cn('cursor-pointer px-2.5 py-1 text-sm', i === active && 'bg-blue-50')}
        >
          <code className="text-slate-900">{`{{${v.variable}}}`}</code>{' '}
          <span className="text-slate-600">{v.label}</span>
        </li>
      ))}
    </ul>
  )
  return { follow, onKeyDown, comboboxProps, list }
}
