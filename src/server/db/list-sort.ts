import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { badRequest } from '../http/errors'

/**
 * TWIN's `sort`: a comma list of the list's documented fields, `-` first for descending
 * (`-lastMessageCreatedAt,name`). An unknown field is a 400 that names it. No `sort`: `null`, and the
 * list keeps its own order. Empty values come last either way.
 */
export function sortOrder(sort: string | undefined, fields: Record<string, AnyPgColumn | SQL>): SQL[] | null {
  const parts = (sort ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (parts.length === 0) return null
  return parts.map((part) => {
    const descending = part.startsWith('-')
    const name = descending ? part.slice(1) : part.replace(/^\+/, '')
    const column = Object.hasOwn(fields, name) ? fields[name] : undefined
    if (!column) {
      throw badRequest(
        'querystring.sort',
        `sort: по полю «${name}» сортировать нельзя; можно: ${Object.keys(fields).join(', ')}`,
      )
    }
    return sql`${column} ${descending ? sql`DESC` : sql`ASC`} NULLS LAST`
  })
}
