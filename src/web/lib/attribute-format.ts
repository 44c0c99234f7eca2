import { format, parseISO } from 'date-fns'
import { ru } from 'date-fns/locale/ru'
import { multiValues, type AttributeType, type ChangeSource } from '@shared/attributes'
import type * as Phones from '@shared/phones'

export const EMPTY_VALUE = 'не заполнено'

// The number plans (libphonenumber) are not on the first screen: they load beside it, and until they are
// here a Russian number is grouped as they would group it.
let phones: typeof Phones | null = null
void import('@shared/phones').then(
  (m) => (phones = m),
  () => {},
)
const RUSSIAN = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/

/** `+79161234567` as people write it: `8 (916) 123-45-67`; a number of another country with its code. */
const formatPhone = (phone: string) => phones?.formatPhone(phone) ?? phone.replace(RUSSIAN, '8 ($1) $2-$3-$4')

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

/** How many characters a link shows before its middle gives way to «…». */
const LINK_CHARS = 32

/**
 * A link as the card shows it: host and path without the scheme, `www.` or a trailing slash
 * (`vk.com/pavlov_p`), enough to tell two profiles apart; a long one keeps its start and end.
 */
export function shortLink(url: string) {
  let text = url
  try {
    const u = new URL(url)
    text = `${u.host.replace(/^www\./, '')}${decodeURI(u.pathname).replace(/\/$/, '')}${u.search}` || url
  } catch {
    // Not an address a browser parses: shown as typed.
  }
  if ([...text].length <= LINK_CHARS) return text
  const chars = [...text]
  const head = Math.ceil((LINK_CHARS - 1) * 0.6)
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (LINK_CHARS - 1 - head)).join('')}`
}

/** tel: links take digits and a leading plus only. */
export const phoneHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`

/** Who made a change; an integration's user may be gone, and a token does not say whose it was. */
export const authorOf = (c: { changedBy: { name: string } | null; source: ChangeSource }) =>
  c.changedBy?.name ?? (c.source === 'api' ? 'Интеграция' : 'Неизвестный пользователь')
