import type { Attribute } from '@shared/attributes'
import type { AttributeFilter } from '@shared/client-directory'
import type { Tag } from '@shared/tags'
import { Button } from '@/components/ui/button'
import { Chip } from '@/components/ui/chip'
import { formatAttributeValue } from '@/lib/attribute-format'

interface FilterChipsProps {
  tagIds: string[]
  attributeFilters: AttributeFilter[]
  tags: ReadonlyMap<string, Tag>
  attributes: ReadonlyMap<string, Attribute>
  onRemoveTag: (tagId: string) => void
  onRemoveAttribute: (attributeId: string) => void
  onClear: () => void
}

/** "Увлечение: рыбалка", "Возраст заполнен": a filter as a sentence, the way a person would say it. */
function describeAttributeFilter(f: AttributeFilter, attribute: Attribute | undefined) {
  const name = attribute?.name ?? 'Неизвестный параметр'
  if (f.match === 'value') return `${name}: ${attribute ? formatAttributeValue(attribute.type, f.value) : f.value}`
  return f.match === 'set' ? `${name} заполнен` : `${name} не заполнен`
}

/** The filters in force, each removable on its own; links from elsewhere show here what they filter by. */
export function FilterChips({ tagIds, attributeFilters, tags, attributes, onRemoveTag, onRemoveAttribute, onClear }: FilterChipsProps) {
  if (tagIds.length + attributeFilters.length === 0) return null
  const chips = [
    ...tagIds.map((tagId) => {
      const tag = tags.get(tagId)
      return { key: tagId, color: tag?.color ?? 'gray', text: `Тег: ${tag?.name ?? 'неизвестный тег'}`, remove: () => onRemoveTag(tagId) }
    }),
    ...attributeFilters.map((f) => ({
      key: f.attributeId, color: 'blue', text: describeAttributeFilter(f, attributes.get(f.attributeId)),
      remove: () => onRemoveAttribute(f.attributeId),
    })),
  ]
  return (
    <ul aria-label="Фильтры" className="flex flex-wrap items-center gap-1.5">
      {chips.map((c) => (
        <li key={c.key}>
          <Chip color={c.color} onRemove={c.remove} removeLabel={`Убрать фильтр «${c.text}»`}>{c.text}</Chip>
        </li>
      ))}
      {chips.length > 1 && (
        <li><Button variant="ghost" size="sm" onClick={onClear}>Сбросить фильтры</Button></li>
      )}
    </ul>
  )
}
