import { sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

// CSV for Excel in a Russian locale: there the list separator is ";" (the comma is the decimal mark), so
// a comma-separated file opens as one column. The BOM makes Excel read UTF-8 instead of Windows-1251.
export const CSV_BOM = '\uFEFF'
const CSV_SEPARATOR = ';'

// A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection"): the leading
// apostrophe makes it text. Phone numbers like "+7 …" get it too, which Excel would otherwise mangle. Their
// full-width forms and an invisible character in front count too, and so does an apostrophe itself, so
// that import (batches/import-columns) takes exactly one apostrophe off and `'=1+1` comes back as it was.
export const FORMULA_START = /^[=+\-@\t\r'＝＋－＠\u200b-\u200d\u2060\ufeff]/
const NEEDS_QUOTES = /[";\r\n]|^\s|\s$/

// A negative number (`-12,5`) is a number to a spreadsheet, not a formula: it stays one.
const NEGATIVE_NUMBER = /^-\d+(,\d+)?$/

function csvField(value: string | null | undefined): string {
  if (value == null || value === '') return ''
  const text = FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvLine = (fields: (string | null | undefined)[]) => `${fields.map(csvField).join(CSV_SEPARATOR)}\r\n`

/**
 * Moments in the company's time zone, written "01.05.2024 12:30:00", which Excel in a Russian locale
 * recognises as a date and time (ISO's "T…Z" stays text): `time` formats a column in the statement that reads
 * it. `label` names the zone and its offset for the header.
 */
export function csvClock(timeZone: string) {
  const offset =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', 'UTC') || 'UTC'
  return {
    label: `${timeZone}, ${offset === 'UTC' ? 'UTC+00:00' : offset}`,
    time: (at: AnyPgColumn) =>
      sql<string | null>`to_char(${at} AT TIME ZONE ${timeZone}::text, 'DD.MM.YYYY HH24:MI:SS')`,
  }
}
