import { queryOptions } from '@tanstack/react-query'
import { attributeListSchema } from '@shared/attributes'
import { chatListSchema } from '@shared/chats'
import { MAX_LIST_LIMIT } from '@shared/common'
import { operatorGroupListSchema } from '@shared/operator-groups'
import { tagListSchema, tagGroupListSchema } from '@shared/tags'
import { api } from './api-client'
import { queryKeys, type TagKind } from './query-keys'

export const tagCatalogPath = (kind: TagKind) => (kind === 'client' ? '/clients/tags' : '/sessions/tags')

/**
 * The company's catalogs, read by the catalog pages, the card's pickers and the list filters alike:
 * one key per catalog keeps a renamed attribute or tag in step everywhere it shows.
 */
export const catalogQueries = {
  /**
   * The whole attribute catalog, archived ones included: the admin page shows the archive on demand, a
   * move needs every attribute's place (the service counts positions over all of them), and the
   * directory names the columns of archived attributes too.
   */
  attributes: () =>
    queryOptions({
      queryKey: queryKeys.catalog.attributeList,
      queryFn: ({ signal }) =>
        api.get('/clients/attributes', attributeListSchema, { query: { includeArchived: true }, signal }),
    }),
  /** The chats (channels), archived ones included: the admin page shows them with a restore button. */
  chats: () =>
    queryOptions({
      queryKey: queryKeys.catalog.chats,
      queryFn: ({ signal }) =>
        api.get('/chats', chatListSchema, { query: { includeArchived: true, limit: MAX_LIST_LIMIT }, signal }),
    }),
  /** Operator groups with their members and how many are online: for transfers and the admin page. */
  operatorGroups: () =>
    queryOptions({
      queryKey: queryKeys.catalog.operatorGroups,
      queryFn: ({ signal }) => api.get('/operator-groups', operatorGroupListSchema, { signal }),
    }),
  /** The catalog's tag groups (single-choice, required to close). */
  tagGroups: (kind: TagKind) =>
    queryOptions({
      queryKey: queryKeys.catalog.tagGroups(kind),
      queryFn: ({ signal }) =>
        api.get(kind === 'client' ? '/clients/tag-groups' : '/sessions/tag-groups', tagGroupListSchema, { signal }),
    }),
  /** Without `includeArchived`: the active tags, the only ones a picker or filter offers. */
  tags: (kind: TagKind, includeArchived = false) =>
    queryOptions({
      queryKey: queryKeys.catalog.tagList(kind, includeArchived),
      queryFn: ({ signal }) =>
        api.get(tagCatalogPath(kind), tagListSchema, {
          query: { includeArchived: includeArchived || undefined },
          signal,
        }),
    }),
}
