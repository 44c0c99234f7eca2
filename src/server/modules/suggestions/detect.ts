// Values a client writes in a message, found without any outside service: phones, e-mails, dates, links,
// numbers, and the option names of list parameters, in Russian and English text.
import { isPhone } from '@shared/clients'

export type FoundKind = 'phone' | 'email' | 'date' | 'link' | 'number'
export interface Found {
  kind: FoundKind
  value: string
  start: number
  end: number
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'«»]+[^\s<>"'«».,;:!?)]/giu
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d\s().-]{7,18}\d(?![\p{L}\p{N}])/gu
const NUMERIC_DATE = /(?<!\d)(?:(\d{1,2})[./](\d{1,2})[./](\d{4})|(\d{4})-(\d{2})-(\d{2}))(?!\d)/gu
const NUMBER = /(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)?(?![\p{L}\p{N}]|[.,]\d)/gu

const MONTHS: [RegExp, number][] = [
  [/^(?:январ[яь]|january|jan)$/i, 1],
  [/^(?:феврал[яь]|february|feb)$/i, 2],
  [/^(?:марта?|march|mar)$/i, 3],
  [/^(?:апрел[яь]|april|apr)$/i, 4],
  [/^(?:ма[яй]|may)$/i, 5],
  [/^(?:июн[яь]|june|jun)$/i, 6],
  [/^(?:июл[яь]|july|jul)$/i, 7],
  [/^(?:августа?|august|aug)$/i, 8],
  [/^(?:сентябр[яь]|september|sep|sept)$/i, 9],
  [/^(?:октябр[яь]|october|oct)$/i, 10],
  [/^(?:ноябр[яь]|november|nov)$/i, 11],
  [/^(?:декабр[яь]|december|dec)$/i, 12],
]
/** «12 марта 1990», «12 March 1990», «March 12, 1990». */
const WORD_DATE =
  /(?<![\p{L}\p{N}])(?:(\d{1,2})\s+(\p{L}+)\s+(\d{4})|(\p{L}+)\s+(\d{1,2}),?\s+(\d{4}))(?![\p{L}\p{N}])/gu

const monthOf = (word: string) => MONTHS.find(([re]) => re.test(word))?.[1]
const pad = (n: number | string) => String(n).padStart(2, '0')

function realDate(y: number, m: number, d: number) {
  const date = new Date(Date.UTC(y, m - 1, d))
  return y >= 1900 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? `${y}-${pad(m)}-${pad(d)}`
    : null
}

/**
 * Everything recognisable in the text, each piece once: what a date or a phone took is not read again as
 * numbers, an e-mail's domain is not a link.
 */
export function findValues(text: string): Found[] {
  const found: Found[] = []
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start)
  const add = (kind: FoundKind, value: string | null, start: number, end: number) => {
    if (value !== null && !taken(start, end)) found.push({ kind, value, start, end })
  }
  for (const m of text.matchAll(EMAIL)) add('email', m[0], m.index, m.index + m[0].length)
  for (const m of text.matchAll(LINK))
    add('link', m[0].startsWith('www.') ? `https://${m[0]}` : m[0], m.index, m.index + m[0].length)
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const [y, mo, d] = m[3] ? [m[3], m[2], m[1]] : [m[4], m[5], m[6]]
    add('date', realDate(Number(y), Number(mo), Number(d)), m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(WORD_DATE)) {
    const [d, word, y] = m[1] ? [m[1], m[2]!, m[3]] : [m[5], m[4]!, m[6]]
    const month = monthOf(word)
    add('date', month ? realDate(Number(y), month, Number(d)) : null, m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '').length
    add(
      'phone',
      digits >= 10 && digits <= 12 && isPhone(m[0].replace(/\./g, ' ')) ? m[0].trim() : null,
      m.index,
      m.index + m[0].length,
    )
  }
  for (const m of text.matchAll(NUMBER)) add('number', m[0], m.index, m.index + m[0].length)
  return found.sort((a, b) => a.start - b.start)
}

const lower = (s: string) => s.toLocaleLowerCase('ru')
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The options of a list named in the text as words of their own, any case. */
export function findOptions(text: string, options: readonly string[]) {
  return options.filter((o) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${escape(lower(o))}(?![\\p{L}\\p{N}])`, 'u').test(lower(text)),
  )
}

/**
 * A number belongs to a number parameter only when the text names it near the number ("рост 180", "возраст:
 * 34") or, for an age, says "N лет": any other number (an order, a price) is left alone.
 */
export function numberFor(text: string, number: Found, attributeName: string) {
  const name = lower(attributeName).trim()
  const stem = name.length > 5 ? name.slice(0, name.length - 2) : name
  const around = lower(text.slice(Math.max(0, number.start - 30), number.end + 15))
  if (stem && around.includes(stem)) return true
  return /^(?:возраст|age)/.test(name) && /^\s*(?:лет|год|года|years?)(?!\p{L})/u.test(lower(text.slice(number.end)))
}
