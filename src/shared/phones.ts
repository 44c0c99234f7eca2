import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'
import { z } from 'zod'
import { isPhone, PHONE_PROBLEM, type PhoneCheck } from '@shared/clients'

/** Where a number written without its country code is taken to be, unless the company says otherwise. */
export const DEFAULT_PHONE_COUNTRY = 'RU'

const countries = new Set<string>(getCountries())
export const phoneCountrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => countries.has(code), { error: 'Неизвестная страна: ожидается код ISO 3166, например RU, KZ, BY' })
  .describe('Страна, в которой читаются номера без кода страны (ISO 3166: RU, KZ, BY…)')

/**
 * A phone as typed (`8 (916) 123-45-71`, `+7 916 1234571 доб. 12`, `9161234571`) checked by the
 * number plan of its country (libphonenumber's lengths), a number without a country code read as one of
 * `country`. Stored in E.164, an extension after `;ext=` (RFC 3966): `+79161234571;ext=12`.
 */
export function checkPhone(raw: string, country: string = DEFAULT_PHONE_COUNTRY): PhoneCheck {
  const phone = isPhone(raw)
    ? parsePhoneNumberFromString(raw.trim(), { defaultCountry: country as CountryCode })
    : undefined
  if (!phone?.isValid()) return { ok: false, error: PHONE_PROBLEM }
  return { ok: true, value: phone.ext ? `${phone.number};ext=${phone.ext}` : phone.number }
}

/**
 * A stored phone grouped as its own country writes it: a number of `home` nationally (`8 (916) 123-45-71
 * доб. 12`), any other with its country code (`+44 20 7946 0958`). One that is not a phone stays as it is.
 */
export function formatPhone(stored: string, home: string = DEFAULT_PHONE_COUNTRY): string {
  const phone = parsePhoneNumberFromString(stored)
  if (!phone?.isValid()) return stored
  const grouped = (phone.country === home ? phone.formatNational() : phone.formatInternational()).replace(
    / ext\. \d+$/,
    '',
  )
  return phone.ext ? `${grouped} доб. ${phone.ext}` : grouped
}

/** How many leading digits of an E.164 number, with its length, decide how it is grouped (phoneFormatter). */
const SHAPE_PREFIX = 6

/**
 * formatPhone for many numbers, as an export writes a million of them. libphonenumber groups a number by its
 * country and its first digits: numbers that begin with the same SHAPE_PREFIX digits and are as long are grouped
 * alike. So the grouping of the first of them is kept as a shape, its last digits left blank, and the others are
 * written into it, about seven times quicker than parsing each. A number with an extension, or whose shape
 * libphonenumber does not end with its own digits, is formatted on its own.
 */
export function phoneFormatter(home: string = DEFAULT_PHONE_COUNTRY) {
  const shapes = new Map<string, string[] | null>()
  return (stored: string): string => {
    const digits = /^\+(\d{8,15})$/.exec(stored)?.[1]
    if (!digits) return formatPhone(stored, home)
    const key = `${digits.slice(0, SHAPE_PREFIX)}/${digits.length}`
    let shape = shapes.get(key)
    if (shape === undefined) shapes.set(key, (shape = shapeOf(formatPhone(stored, home), digits)))
    if (!shape) return formatPhone(stored, home)
    let at = SHAPE_PREFIX
    return shape.map((part) => (part === '' ? digits[at++] : part)).join('')
  }
}

/** A grouped number as its characters, the digits past SHAPE_PREFIX left blank; null if they are not its last. */
function shapeOf(grouped: string, digits: string): string[] | null {
  const shape = [...grouped]
  let left = digits.length
  for (let i = shape.length - 1; i >= 0 && left > SHAPE_PREFIX; i--) {
    if (!/\d/.test(shape[i]!)) continue
    if (shape[i] !== digits[--left]) return null
    shape[i] = ''
  }
  return left === SHAPE_PREFIX && grouped !== `+${digits}` ? shape : null
}
