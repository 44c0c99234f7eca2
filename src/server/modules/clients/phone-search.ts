import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/** A keyword that reads as a phone: digits with the usual separators, and enough digits to mean one. */
const PHONE_LIKE = /^[\d\s+()\-.]+$/
const MIN_DIGITS = 5

/**
 * The digits to look for when a keyword is a phone, however it was typed: `+79101001010`,
 * `89101001010`, `9101001010`, `910 100-10-10` and `8 (910) 100 10 10` all become `9101001010` (an
 * 11-digit number starting with 7 or 8 loses its country prefix, as stored numbers may have either).
 * Null when the keyword is not a phone.
 */
function phoneDigitsOf(keyword: string): string | null {
  if (!PHONE_LIKE.test(keyword)) return null
  const digits = keyword.replace(/\D/g, '')
  if (digits.length < MIN_DIGITS) return null
  return digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits
}

/** `column` (a phone's digits) contains the keyword's digits; answered by a trigram index on it. */
export const phoneDigitsMatch = (column: AnyPgColumn | SQL, keyword: string): SQL | undefined => {
  const digits = phoneDigitsOf(keyword)
  return digits ? sql`${column} LIKE ${`%${digits}%`}` : undefined
}
