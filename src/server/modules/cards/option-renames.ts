import { and, eq, isNotNull, like, or } from 'drizzle-orm'
import { multiValues, type OptionRename } from '@shared/attributes'
import type { Actor } from '../../http/actor'
import type { Tx } from '../../db/client'
import { attributes, attributeValues } from '../../db/schema'
import { likePattern } from '../../db/sql-helpers'
import { writeCardChanges } from './card-write'
import { badRequest, conflict } from '../../http/errors'

type AttributeRow = typeof attributes.$inferSelect

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * The options under their new names, after checking each rename: `from` is an option now, `to` names
 * no other option (409), and, when the admin sends the whole new list too, `to` is on it.
 */
export function renamedOptions(current: string[], renames: OptionRename[], sent: string[] | undefined) {
  renames.forEach((r, i) => {
    const path = `body.optionRenames.${i}`
    if (!current.includes(r.from)) throw badRequest(`${path}.from`, `Нет варианта «${r.from}»`)
    if (renames.findIndex((o) => o.from === r.from) !== i)
      throw badRequest(`${path}.from`, `Вариант «${r.from}» переименован дважды`)
    const taken =
      current.find((o) => o !== r.from && same(o, r.to)) ?? renames.find((o, j) => j !== i && same(o.to, r.to))?.to
    if (taken !== undefined) {
      throw conflict(`Вариант «${taken}» уже есть`, [{ path: `${path}.to`, message: `Вариант «${taken}» уже есть` }])
    }
    if (sent && !sent.includes(r.to)) throw badRequest(`${path}.to`, `«${r.to}» нет в новом списке вариантов`)
  })
  const to = new Map(renames.map((r) => [r.from, r.to]))
  return sent ?? current.map((o) => to.get(o) ?? o)
}

/**
 * Rewrites the stored values that name a renamed option, each with a history row (source `catalog`) and
 * a new version. The attribute row is locked first: an operator's write takes it FOR SHARE (card-write),
 * so a write racing the rename lands wholly before it (and is rewritten here) or wholly after it (and is
 * checked against the new names); either way every change has its history row.
 */
export async function rewriteStoredOptions(tx: Tx, actor: Actor, attribute: AttributeRow, renames: OptionRename[]) {
  if (renames.length === 0) return
  await tx.select({ id: attributes.id }).from(attributes).where(eq(attributes.id, attribute.id)).for('update')
  const to = new Map(renames.map((r) => [r.from, r.to]))
  const multi = attribute.type === 'multiselect'
  const naming = multi
    ? or(...renames.map((r) => like(attributeValues.value, likePattern(JSON.stringify(r.from)))))
    : or(...renames.map((r) => eq(attributeValues.value, r.from)))
  const rows = await tx
    .select({ clientId: attributeValues.clientId, value: attributeValues.value })
    .from(attributeValues)
    .where(and(eq(attributeValues.attributeId, attribute.id), isNotNull(attributeValues.value), naming))
    .for('update')
  const changes = rows.flatMap(({ clientId, value }) => {
    const next = multi ? JSON.stringify(multiValues(value).map((v) => to.get(v) ?? v)) : (to.get(value!) ?? value)
    return next === value ? [] : [{ client: clientId, old: value, new: next }]
  })
  if (changes.length === 0) return
  await writeCardChanges({
    tx,
    companyId: actor.companyId,
    userId: actor.userId,
    source: 'catalog',
    values: changes.map((c) => ({
      clientId: c.client,
      attributeId: attribute.id,
      value: c.new,
      onlyIf: { value: c.old },
    })),
  })
}
