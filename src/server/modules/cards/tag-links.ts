import { and, eq, inArray, sql } from 'drizzle-orm'
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core'
import type { TagRef } from '@shared/tags'
import type { Db } from '../../db/client'
import { clientTags, sessionTags, tags, type clients, type sessions } from '../../db/schema'
import { lookupPerRow } from '../../db/sql-helpers'

const ref = { id: tags.id, name: tags.name, color: tags.color }

function group(rows: { ownerId: string; id: string; name: string; color: string }[]) {
  const byOwner = new Map<string, TagRef[]>()
  for (const { ownerId, ...tag } of rows) byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), tag])
  return byOwner
}

/** The tags on each of these clients, in one query for a whole page. */
export async function tagsOfClients(db: Db, clientIds: string[]) {
  if (clientIds.length === 0) return new Map<string, TagRef[]>()
  const rows = await db
    .select({ ownerId: clientTags.clientId, ...ref })
    .from(clientTags)
    .innerJoin(tags, eq(tags.id, clientTags.tagId))
    .where(inArray(clientTags.clientId, clientIds))
    .orderBy(clientTags.addedAt)
  return group(rows)
}

/**
 * The tags of each row's client or dialogue as a JSON list in a column of that row, oldest first, so a page
 * stays one query. Written with its own aliases, its statement nested in another: a single-table select of the
 * query builder names the columns of its fields' own statements unqualified (`"id"`), not those nested deeper.
 */
export const tagsJson = (kind: 'client' | 'session', ownerTable: typeof clients | typeof sessions) => {
  const [t, c, s] = [alias(tags, 't'), alias(clientTags, 'l'), alias(sessionTags, 'l')]
  const [link, owner, added, tagId] =
    kind === 'client' ? [clientTags, c.clientId, c.addedAt, c.tagId] : [sessionTags, s.sessionId, s.addedAt, s.tagId]
  const list = sql`SELECT coalesce(json_agg(json_build_object('id', ${t.id}, 'name', ${t.name}, 'color', ${t.color})
    ORDER BY ${added}), '[]') FROM ${link} l JOIN ${tags} t ON ${t.id} = ${tagId} WHERE ${owner} = ${ownerTable.id}`
  return sql<TagRef[]>`(${list})`
}

/** A client's tag names as one text, oldest first, comma-separated (the CSV export's cell); null without tags. */
export const tagNames = (owner: typeof clients) => {
  const [t, l] = [alias(tags, 't'), alias(clientTags, 'l')]
  const list = sql`SELECT string_agg(${t.name}, ', ' ORDER BY ${l.addedAt}) FROM ${clientTags} l
    JOIN ${tags} t ON ${t.id} = ${l.tagId} WHERE ${l.clientId} = ${owner.id}`
  // Nested, as tagsJson's: its columns stay qualified inside a single-table select.
  return sql<string | null>`(${list})`
}

/**
 * One EXISTS per tag: the client carries every one of them ("all of"). Each probe is a lookup of the
 * (client_id, tag_id) key, cheap even while walking a sort index. No tags: no condition. `perRow`: see
 * lookupPerRow.
 */
export const carriesAllClientTags = (clientId: AnyPgColumn, tagIds: string[], perRow = false) =>
  and(
    ...tagIds.map(
      (tagId) =>
        sql`EXISTS (SELECT 1 FROM ${clientTags} WHERE ${clientTags.clientId} = ${clientId} AND ${clientTags.tagId} = ${tagId}${lookupPerRow(perRow)})`,
    ),
  )
