import type { Attribute } from '@shared/attributes'
import type { AttributeFilter } from '@shared/attribute-filters'
import type { Tag } from '@shared/tags'
import { Button } from '@/components/ui/button'
import { Chip } from '@/components/ui/chip'
import { formatAttributeValue } from '@/lib/attribute-format'
import { formatDateTime } from '@/lib/dates'

interface FilterChipsProps {
  tagIds: string[]
  withoutTagIds: string[]
  /** Cards not changed since (ISO), or ''. */
  updatedBefore: string
  onRemoveUpdatedBefore: () => void
  attributeFilters: AttributeFilter[]
  tags: ReadonlyMap<string, Tag>
  attributes: ReadonlyMap<string, Attribute>
  onRemoveTag: (tagId: string, without: boolean) => void
  onRemoveAttribute: (attributeId: string) => void
  onClear: () => void
}

/** "Увлечение: рыбалка", "Возраст от 18 до 30", "Интересы: любой из Игры, Смартфоны": a filter as a person would say it. */
function describeAttributeFilter(f: AttributeFilter, attribute: Attribute | undefined) {
  const name = attribute?.name ?? 'Неизвестный параметр'
  const shown = (v: string) => (attribute ? formatAttributeValue(attribute.type, v) : v)
  switch (f.match) {
    case 'value':
      return `${name}: ${shown(f.value)}`
    case 'set':
      return `${name} заполнен`
    case 'empty':
      return `${name} не заполнен`
    case 'range':
      return [name, f.gte !== undefined && `от ${shown(f.gte)}`, f.lte !== undefined && `до ${shown(f.lte)}`]
        .filter(Boolean)
        .join(' ')
    case 'lastDays':
      return `${name}: за последние ${f.days} дн.`
    case 'any':
      return `${name}: любой из ${f.values.join(', ')}`
    case 'all':
      return `${name}: все из ${f.values.join(', ')}`
  }
}

/** The filters in force, each removable on its own; links from elsewhere show here what they filter by. */
export function FilterChips(props: FilterChipsProps) {
  const {
    tagIds,
    withoutTagIds,
    attributeFilters,
    tags,
    attributes,
    onRemoveTag,
    onRemoveAttribute,
    onClear,
    updatedBefore,
    onRemoveUpdatedBefore,
  } = props
  if (tagIds.length + withoutTagIds.length + attributeFilters.length === 0 && !updatedBefore) return null
  const tagChip = (without: boolean) => (tagId: string) => {
    const tag = tags.get(tagId)
    return {
      key: `${without ? '-' : ''}${tagId}`,
      color: tag?.color ?? 'gray',
      text: `${without ? 'Без тега' : 'Тег'}: ${tag?.name ?? 'неизвестный тег'}`,
      remove: () => onRemoveTag(tagId, without),
    }
  }
  const chips = [
    ...(updatedBefore
      ? [
          {
            key: 'updatedBefore',
            color: 'gray',
            text: `Не менялись с ${formatDateTime(updatedBefore)}`,
            remove: onRemoveUpdatedBefore,
          },
        ]
      : []),
    ...tagIds.map(tagChip(false)),
    ...withoutTagIds.map(tagChip(true)),
    ...attributeFilters.map((f) => ({
      key: f.attributeId,
      color: 'blue',
      text: describeAttributeFilter(f, attributes.get(f.attributeId)),
      remove: () => onRemoveAttribute(f.attributeId),
    })),
  ]
  return (
    <ul aria-label="Фильтры" className="flex flex-wrap items-center gap-1.5">
      {chips.map((c) => (
        <li key={c.key}>
          <Chip color={c.color} onRemove={c.remove} removeLabel={`Убрать фильтр «${c.text}»`}>
            {c.text}
          </Chip>
        </li>
      ))}
      {chips.length > 1 && (
        <li>
          <Button variant="ghost" size="sm" onClick={onClear}>
            Сбросить фильтры
          </Button>
        </li>
      )}
    </ul>
  )
}
