import { sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { ClientHistoryItem } from '@shared/client-history'
import { type ListQuery, NOT_COUNTED, type Role } from '@shared/common'
import type { Db } from '../../db/client'
import { attributeHistory, attributes, clientFieldHistory, clientTagHistory, tags, users } from '../../db/schema'
import { iso } from '../../db/sql-helpers'
import { visibleTo } from '../cards'
import { rowsOf } from '../../db/raw'

type TimelineRow = {
  id: string
  client_id: string
  kind: ClientHistoryItem['kind']
  field: ClientHistoryItem['field']
  attribute_id: string | null
  tag_id: string | null
  tag_action: 'added' | 'removed' | null
  old_value: string | null
  new_value: string | null
  changed_at: Date | string
  changed_by: string | null
  source: ClientHistoryItem['source']
  attribute_name: string | null
  attribute_type: NonNullable<ClientHistoryItem['attribute']>['type'] | null
  attribute_archived: boolean | null
  tag_name: string | null
  tag_color: string | null
  user_name: string | null
}

/**
 * Attribute, tag and own-field changes as one list. `scope` filters the union (column names `client_id`,
 * `changed_at`) and is pushed down into each part, so each reads its (client_id, changed_at) index.
 * Changes of a parameter hidden from `role` are not in it.
 */
const [a, t, u] = [alias(attributes, 'a'), alias(tags, 't'), alias(users, 'u')]
const [ah, th, fh] = [attributeHistory, clientTagHistory, clientFieldHistory]

export const timelineSql = (scope: SQL, role: Role) => sql`
  SELECT h.*, ${a.name} AS attribute_name, ${a.type} AS attribute_type, ${a.archivedAt} IS NOT NULL AS attribute_archived,
    ${t.name} AS tag_name, ${t.color} AS tag_color, ${u.name} AS user_name
  FROM (
    SELECT ${ah.id} AS id, ${ah.clientId} AS client_id, 'attribute' AS kind, NULL::text AS field, ${ah.attributeId} AS attribute_id,
      NULL::uuid AS tag_id, NULL::text AS tag_action, ${ah.oldValue} AS old_value, ${ah.newValue} AS new_value,
      ${ah.changedAt} AS changed_at, ${ah.changedBy} AS changed_by, ${ah.source}::text AS source
    FROM ${ah}
    UNION ALL
    SELECT ${th.id}, ${th.clientId}, 'tag', NULL, NULL, ${th.tagId}, ${th.action}::text, NULL, NULL, ${th.changedAt},
      ${th.changedBy}, ${th.source}::text
    FROM ${th}
    UNION ALL
    SELECT ${fh.id}, ${fh.clientId}, 'field', ${fh.field}::text, NULL, NULL, NULL, ${fh.oldValue}, ${fh.newValue}, ${fh.changedAt},
      ${fh.changedBy}, ${fh.source}::text
    FROM ${fh}
  ) h
  LEFT JOIN ${attributes} a ON ${a.id} = h.attribute_id
  LEFT JOIN ${tags} t ON ${t.id} = h.tag_id
  LEFT JOIN ${users} u ON ${u.id} = h.changed_by
  WHERE ${scope} AND (h.attribute_id IS NULL OR ${visibleTo(role)})`

function toHistoryItem(r: TimelineRow): ClientHistoryItem {
  const isTag = r.kind === 'tag'
  const action = isTag ? r.tag_action! : r.new_value === null ? 'cleared' : 'set'
  return {
    id: r.id,
    clientId: r.client_id,
    kind: r.kind,
    action,
    field: r.field,
    attribute:
      r.kind !== 'attribute'
        ? null
        : { id: r.attribute_id!, name: r.attribute_name!, type: r.attribute_type!, archived: !!r.attribute_archived },
    tag: isTag ? { id: r.tag_id!, name: r.tag_name!, color: r.tag_color! } : null,
    oldValue: isTag ? (action === 'removed' ? r.tag_name : null) : r.old_value,
    newValue: isTag ? (action === 'added' ? r.tag_name : null) : r.new_value,
    changedAt: iso(r.changed_at),
    changedBy: r.changed_by && r.user_name ? { id: r.changed_by, name: r.user_name } : null,
    source: r.source,
  }
}

export const readTimeline = async (db: Db, query: SQL) => (await rowsOf<TimelineRow>(db, query)).map(toHistoryItem)

/** The card's timeline, newest first; ties (one transaction) by id so pages never overlap. */
export async function listClientHistory(db: Db, clientId: string, role: Role, q: ListQuery) {
  const scope = sql`h.client_id = ${clientId}`
  const items = await readTimeline(
    db,
    sql`${timelineSql(scope, role)} ORDER BY h.changed_at DESC, h.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
  )
  const count = q.withoutCount
    ? NOT_COUNTED
    : (
        await rowsOf<{ n: number | string }>(
          db,
          sql`SELECT
      (SELECT count(*) FROM ${ah} JOIN ${attributes} a ON ${a.id} = ${ah.attributeId} WHERE ${ah.clientId} = ${clientId} AND ${visibleTo(role)})
    + (SELECT count(*) FROM ${th} WHERE ${th.clientId} = ${clientId})
    + (SELECT count(*) FROM ${fh} WHERE ${fh.clientId} = ${clientId}) AS n`,
        )
      )[0]!.n
  return { count: Number(count), items }
}
