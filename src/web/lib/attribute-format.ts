import { format, parseISO } from 'date-fns'
import { ru } from 'date-fns/locale/ru'
import type { AttributeType } from '@shared/attributes'

export const EMPTY_VALUE = 'не заполнено'

/** A value as a person reads it: dates in Russian ("12 марта 2024"), booleans as Да/Нет. */
export function formatAttributeValue(type: AttributeType, value: string | null): string {
  if (value === null) return EMPTY_VALUE
  if (type === 'boolean') return value === 'true' ? 'Да' : 'Нет'
  if (type === 'date') {
    const date = parseISO(value)
    return Number.isNaN(date.getTime()) ? value : format(date, 'd MMMM yyyy', { locale: ru })
  }
  return value
}

/** tel: links take digits and a leading plus only. */
export const phoneHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`
