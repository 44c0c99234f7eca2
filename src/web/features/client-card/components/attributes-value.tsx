import { Pencil } from 'lucide-react'
import type { Ref } from 'react'
import type { ClientAttribute } from '@shared/attributes'
import { cn } from '@/lib/cn'
import { CopyButton } from '@/components/ui/copy-button'
import { EMPTY_VALUE, formatAttributeValue, shortLink, phoneHref } from '@/lib/attribute-format'

interface AttributesValueProps {
  item: ClientAttribute
  onEdit: () => void
  onToggle: (next: string) => void
  editRef: Ref<HTMLButtonElement>
}

const editable =
  'w-full rounded-md px-1.5 py-1 text-left text-sm break-words hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600'

/** Links of their kind for mail, phone and web; everything else is the value itself, a button that edits it. */
function linkOf({ type, value }: ClientAttribute) {
  if (value === null) return null
  if (type === 'email') return { href: `mailto:${value}`, external: false }
  if (type === 'phone') return { href: phoneHref(value), external: false }
  // The service keeps http(s) links only (checkAttributeValue), so no javascript: can get here.
  if (type === 'link') return { href: value, external: true }
  return null
}

export function AttributesValue({ item, onEdit, onToggle, editRef }: AttributesValueProps) {
  const shown = formatAttributeValue(item.type, item.value)
  if (item.type === 'boolean') {
    const on = item.value === 'true'
    return (
      <button
        ref={editRef}
        type="button"
        role="switch"
        aria-checked={on}
        aria-label={item.name}
        onClick={() => onToggle(on ? 'false' : 'true')}
        className="flex items-center gap-2 rounded-md px-1.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        <span
          aria-hidden
          className={cn('relative h-5 w-9 rounded-full transition-colors', on ? 'bg-blue-700' : 'bg-slate-300')}
        >
          <span
            className={cn(
              'absolute top-0.5 size-4 rounded-full bg-white shadow transition-all',
              on ? 'left-4.5' : 'left-0.5',
            )}
          />
        </span>
        <span className={cn(item.value === null && 'text-slate-500')}>{shown}</span>
      </button>
    )
  }
  const link = linkOf(item)
  if (link) {
    return (
      <div className="flex items-center gap-1">
        <a
          href={link.href}
          className="min-w-0 flex-1 px-1.5 py-1 text-sm break-all text-blue-800 underline"
          {...(link.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          title={item.value!}
        >
          {item.type === 'link' ? shortLink(item.value!) : shown}
        </a>
        {item.type !== 'link' && (
          <CopyButton
            value={item.type === 'phone' ? shown : item.value!}
            what={item.type === 'phone' ? 'Телефон' : 'Адрес почты'}
          />
        )}
        <button
          ref={editRef}
          type="button"
          aria-label={`Изменить: ${item.name}`}
          title="Изменить"
          onClick={onEdit}
          className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <Pencil aria-hidden className="size-3.5" />
        </button>
      </div>
    )
  }
  return (
    <button
      ref={editRef}
      type="button"
      aria-label={`${item.name}: ${shown}`}
      title="Изменить"
      onClick={onEdit}
      className={editable}
    >
      <span className={cn('whitespace-pre-wrap', item.value === null && 'text-slate-500')}>
        {item.value === null ? EMPTY_VALUE : shown}
      </span>
    </button>
  )
}
