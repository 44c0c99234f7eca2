import { format, parseISO } from 'date-fns'
import { ru } from 'date-fns/locale/ru'
import { multiValues, type AttributeType, type ChangeSource } from '@shared/attributes'

export const EMPTY_VALUE = 'не заполнено'

const RUSSIAN_MOBILE = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/

/** `+79161234567` as people write it: `+7 916 123-45-67`; other numbers as stored. */
const formatPhone = (phone: string) => phone.replace(RUSSIAN_MOBILE, '+7 $1 $2-$3-$4')

/**
 * A value as a person reads it: dates in Russian ("12 марта 2024"), booleans as Да/Нет, numbers with a
 * decimal comma, phones grouped.
 */
export function formatAttributeValue(type: AttributeType, value: string | null): string {
  if (value === null) return EMPTY_VALUE
  if (type === 'boolean') return value === 'true' ? 'Да' : 'Нет'
  if (type === 'multiselect') return multiValues(value).join(', ')
  if (type === 'number') return value.replace('.', ',')
  if (type === 'phone') return formatPhone(value)
  if (type === 'date') {
    const date = parseISO(value)
    return Number.isNaN(date.getTime()) ? value : format(date, 'd MMMM yyyy', { locale: ru })
  }
  return value
}

/** A stored value as the operator edits it: `15.03.1990` for a date, `35,5` for a number. */
export function draftOf(type: AttributeType, value: string | null): string {
  if (value === null) return ''
  if (type === 'date') return value.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3.$2.$1')
  if (type === 'number') return value.replace('.', ',')
  if (type === 'phone') return formatPhone(value)
  return value
}

/** A link's host, which says more at a glance than the whole address. */
export function hostOf(url: string) {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

/** tel: links take digits and a leading plus only. */
export const phoneHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`

/** Where a change came from, as a history line names it. */
export const sourceLabels: Record<ChangeSource, string> = {
  panel: 'панель', api: 'API', catalog: 'каталог', merge: 'объединение', import: 'импорт', bulk: 'массовое изменение', suggestion: 'подсказка из диалога', override: 'панель вместо интеграции',
}

/** Who made a change; an integration's user may be gone, and a token does not say whose it was. */
export const authorOf = (c: { changedBy: { name: string } | null; source: ChangeSource }) =>
  c.changedBy?.name ?? (c.source === 'api' ? 'Интеграция' : 'Неизвестный пользователь')
