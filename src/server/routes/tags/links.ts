import { and, eq, inArray, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { TagRef } from '@shared/tags'
import type { Db } from '../../db/client'
import { clientTags, tags } from '../../db/schema'

const ref = { id: tags.id, name: tags.name, color: tags.color }

function group(rows: { ownerId: string; id: string; name: string; color: string }[]) {
  const byOwner = new Map<string, TagRef[]>()
  for (const { ownerId, ...tag } of rows) byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), tag])
  return byOwner
}

/** The tags on each of these clients, in one query for a whole page. */
export async function tagsOfClients(db: Db, clientIds: string[]) {
  if (clientIds.length === 0) return new Map<string, TagRef[]>()
  const rows = await db.select({ ownerId: clientTags.clientId, ...ref }).from(clientTags)
    .innerJoin(tags, eq(tags.id, clientTags.tagId))
    .where(inArray(clientTags.clientId, clientIds)).orderBy(clientTags.addedAt)
  return group(rows)
}

/**
 * One EXISTS per tag: the client carries every one of them ("all of"). Each probe is a lookup of the
 * (client_id, tag_id) key, cheap even while walking a sort index. No tags: no condition.
 */
export const carriesAllClientTags = (clientId: AnyPgColumn, tagIds: string[]) =>
  and(...tagIds.map((tagId) =>
    sql`EXISTS (SELECT 1 FROM ${clientTags} WHERE ${clientTags.clientId} = ${clientId} AND ${clientTags.tagId} = ${tagId})`))
