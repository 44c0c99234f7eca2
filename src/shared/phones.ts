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
