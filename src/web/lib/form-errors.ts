import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { ApiError } from './api-client'

/**
 * Puts the server's 400 details (`body.email: …`) on the matching fields and anything else on the form
 * as a whole (`root.server`), so every message stays next to what it is about.
 */
export function applyServerError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: Path<T>[],
) {
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : []
  let placed = false
  for (const { path, message } of fieldErrors) {
    const field = fields.find((f) => path === `body.${f}` || path === f)
    if (field) {
      setError(field, { type: 'server', message })
      placed = true
    }
  }
  if (!placed)
    setError('root.server', { type: 'server', message: error instanceof Error ? error.message : String(error) })
}
