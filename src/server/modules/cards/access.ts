import { and, eq, sql, type SQL } from 'drizzle-orm'
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { attributeEditorSchema, canEdit, editorLabels, type AttributeEditor } from '@shared/attributes'
import type { Role } from '@shared/common'
import type { Actor } from '../../http/actor'
import type { Db } from '../../db/client'
import { attributes } from '../../db/schema'
import { conflict, HttpError, notFound } from '../../http/errors'

// Who sees and who changes each parameter (attributes.visible_to, attributes.editable_by). A parameter a role
// does not see is, for that role, not in the catalog, the card, the history, the filters or the export.

/** The catalog as statements alias it (`attributes a`): the default column of the checks below. */
const catalogAlias = alias(attributes, 'a')

/** SQL: the attribute (its `visible_to` column) is seen by this role; admins see every one. */
export const visibleTo = (role: Role, column: SQL | AnyPgColumn = catalogAlias.visibleTo): SQL =>
  role === 'admin' ? sql`true` : sql`${role}::role = ANY(${column})`

export const sees = (visible: readonly Role[], role: Role) => role === 'admin' || visible.includes(role)

/** SQL: the role changes the parameter (its `editable_by` column): the editors `canEdit` allows it, read from that one rule. */
export const canEditSql = (role: Role, column: SQL | AnyPgColumn = catalogAlias.editableBy): SQL => {
  const editors = attributeEditorSchema.options.filter((editor) => canEdit(editor, role))
  return sql`${column}::text = ANY(${`{${editors.join(',')}}`}::text[])`
}

/**
 * The source a value write is recorded with, once the rule allows it: a role the rule leaves out gets a 403
 * naming it; a value an integration owns (`api`) changed from the panel needs `override` (else 409) and is
 * recorded as an override.
 */
export function writeSource(attribute: { name: string; editableBy: AttributeEditor }, actor: Actor, override = false) {
  if (!canEdit(attribute.editableBy, actor.role)) {
    const message = `«${attribute.name}» меняют ${editorLabels[attribute.editableBy]}`
    throw new HttpError(403, message, [{ path: 'params.attributeId', message }])
  }
  if (attribute.editableBy !== 'api' || actor.source !== 'panel') return actor.source
  if (!override) {
    throw conflict(`«${attribute.name}» ведёт интеграция: подтвердите, чтобы изменить значение из панели`, [
      { path: 'body.override', message: 'нужно подтверждение' },
    ])
  }
  return 'override' as const
}

/** The roles that see a parameter as stored: admins always; an editor role the list leaves out is a 400. */
export function visibleRoles(visible: readonly Role[] | undefined, editableBy: AttributeEditor) {
  const roles = [...new Set<Role>([...(visible ?? ['operator', 'supervisor']), 'admin'])]
  if (editableBy === 'supervisor' && !roles.includes('supervisor')) {
    throw new HttpError(400, 'Руководители не увидят параметр, который меняют только они и администраторы', [
      { path: 'body.visibleTo', message: 'добавьте руководителей или смените «Кто меняет»' },
    ])
  }
  return roles
}

export const attributeNotFound = () => notFound('Параметр не найден')

/** The attribute row of this company, archived ones included; another company's, or one hidden from the role, is a 404. */
export async function findAttributeRow(db: Db, companyId: string, attributeId: string, role: Role = 'admin') {
  const [row] = await db
    .select()
    .from(attributes)
    .where(and(eq(attributes.id, attributeId), eq(attributes.companyId, companyId)))
  if (!row || !sees(row.visibleTo, role)) throw attributeNotFound()
  return row
}
