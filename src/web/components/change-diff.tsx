import type { AttributeType } from '@shared/attributes'
import type { ClientHistoryItem } from '@shared/client-history'
import { clientFieldLabels } from '@shared/clients'
import { Chip } from '@/components/ui/chip'
import { formatAttributeValue } from '@/lib/attribute-format'

/** What a value change is about: an attribute, or the client's own name, phone or email. */
export function changedThing(item: ClientHistoryItem): { name: string; type: AttributeType } {
  if (item.field) return { name: clientFieldLabels[item.field], type: item.field === 'phone' ? 'phone' : 'text' }
  return { name: item.attribute?.name ?? 'Параметр', type: item.attribute?.type ?? 'text' }
}

const delClass = 'rounded bg-red-50 px-1 text-red-900 line-through decoration-red-400'
const insClass = 'rounded bg-green-50 px-1 text-green-900 no-underline'

/**
 * What one change did: "Увлечение: рыбалка → охота" or "Тег ВИП-клиент добавлен". Old and new are
 * <del>/<ins>, with the words "было"/"стало" for screen readers, which do not announce those elements.
 */
export function ChangeDiff({ item }: { item: ClientHistoryItem }) {
  if (item.kind === 'tag' && item.tag) {
    const added = item.action === 'added'
    const chip = <Chip color={item.tag.color}>{item.tag.name}</Chip>
    return (
      <p className="flex flex-wrap items-center gap-1.5 text-sm text-slate-900">
        Тег{' '}
        {added ? <ins className="min-w-0 no-underline">{chip}</ins> : <del className="min-w-0 opacity-80">{chip}</del>}
        {added ? 'добавлен' : 'снят'}
      </p>
    )
  }
  const { name, type } = changedThing(item)
  return (
    <p className="text-sm break-words whitespace-pre-wrap text-slate-900">
      <span className="font-medium">{name}</span>
      {item.attribute?.archived && <span className="text-xs text-slate-600"> (в архиве)</span>}:{' '}
      <del className={delClass}>
        <span className="sr-only">было </span>
        {formatAttributeValue(type, item.oldValue)}
      </del>
      <span aria-hidden> → </span>
      <ins className={insClass}>
        <span className="sr-only"> стало </span>
        {formatAttributeValue(type, item.newValue)}
      </ins>
    </p>
  )
}
