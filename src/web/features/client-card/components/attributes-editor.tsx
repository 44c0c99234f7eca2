import { useRef, type KeyboardEvent, type Ref } from 'react'
import { multiValues, type ClientAttribute } from '@shared/attributes'
import { DateInput } from '@/components/ui/date-input'
import { Input, Textarea } from '@/components/ui/input'

interface AttributesEditorProps {
  item: ClientAttribute
  draft: string
  onDraft: (text: string) => void
  onCommit: (text: string) => void
  onCancel: () => void
  inputRef: Ref<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>
  describedBy?: string
  invalid: boolean
}

// type="text" with an inputmode rather than number/email/url: the browser would drop or flag what the
// operator typed ("abc" in a number field reads as ""), and our own check explains the problem in Russian.
const inputModes = { number: 'decimal', email: 'email', link: 'url' } as const

interface MultiSelectProps {
  item: ClientAttribute
  draft: string
  onDraft: (text: string) => void
  common: {
    'aria-describedby'?: string
    'aria-invalid'?: true
    ref: Ref<HTMLInputElement>
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void
  }
}

/**
 * A box per option; ticking changes the draft, which is saved like any other: Enter, or leaving the field.
 * An option the catalog dropped since it was chosen still shows, ticked, so it can be taken off.
 */
function MultiSelectEditor({ item, draft, onDraft, common: { ref, ...common } }: MultiSelectProps) {
  const chosen = draft ? multiValues(draft) : []
  const shown = [...item.options, ...chosen.filter((o) => !item.options.includes(o))]
  const toggle = (option: string) => {
    const next = shown.filter((o) => (o === option ? !chosen.includes(o) : chosen.includes(o)))
    onDraft(next.length ? JSON.stringify(next) : '')
  }
  return (
    <fieldset
      aria-describedby={common['aria-describedby']}
      className="flex flex-wrap gap-x-3 gap-y-1 rounded-md border border-slate-300 px-2 py-1.5"
    >
      <legend className="sr-only">{item.name}</legend>
      {shown.map((o, i) => (
        <label key={o} className="flex items-center gap-1.5 text-sm text-slate-900">
          <input
            type="checkbox"
            className="size-4 accent-blue-700"
            ref={i === 0 ? ref : undefined}
            aria-invalid={common['aria-invalid']}
            checked={chosen.includes(o)}
            onChange={() => toggle(o)}
            onKeyDown={common.onKeyDown}
          />
          {o}
        </label>
      ))}
    </fieldset>
  )
}

/** The input that fits the type. Enter saves, Esc cancels; in text, Shift+Enter starts a new line. */
export function AttributesEditor({
  item,
  draft,
  onDraft,
  onCommit,
  onCancel,
  inputRef,
  describedBy,
  invalid,
}: AttributesEditorProps) {
  const byKeyboard = useRef(false)
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      onCancel()
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      onCommit(draft)
    }
  }
  const common = {
    'aria-label': item.name,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    ref: inputRef,
    onKeyDown,
  }

  if (item.type === 'multiselect')
    return <MultiSelectEditor item={item} draft={draft} onDraft={onDraft} common={common} />
  if (item.type === 'select') {
    return (
      <select
        {...common}
        value={draft}
        className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm aria-invalid:border-red-600"
        onKeyDown={(e) => ((byKeyboard.current = true), onKeyDown(e))}
        onPointerDown={() => (byKeyboard.current = false)}
        // A choice made with the mouse is the whole edit: saved at once. Arrows on a closed select change
        // the value too (Windows), so there the operator steps through and saves with Enter or by leaving.
        onChange={(e) => (onDraft(e.target.value), byKeyboard.current || onCommit(e.target.value))}
      >
        <option value="">— не выбрано —</option>
        {item.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        {draft && !item.options.includes(draft) && <option value={draft}>{draft}</option>}
      </select>
    )
  }
  if (item.type === 'text') {
    return (
      <Textarea
        {...common}
        value={draft}
        rows={2}
        className="field-sizing-content max-h-48 min-h-16 resize-y"
        onChange={(e) => onDraft(e.target.value)}
      />
    )
  }
  if (item.type === 'date') {
    return (
      <DateInput
        {...common}
        label={item.name}
        value={draft}
        onChange={onDraft}
        onPick={(text) => (onDraft(text), onCommit(text))}
      />
    )
  }
  return (
    <Input
      {...common}
      type={item.type === 'phone' ? 'tel' : 'text'}
      value={draft}
      inputMode={item.type === 'phone' ? 'tel' : item.type === 'boolean' ? undefined : inputModes[item.type]}
      onChange={(e) => onDraft(e.target.value)}
    />
  )
}
