import { queryOptions } from '@tanstack/react-query'
import { tagListSchema } from '../../../../../shared/tags'
import { api } from '../../../../lib/api-client'

export type TagKind = 'client' | 'session'

/**
 * What differs between the two catalogs. `catalog` is the name live events use (`catalog.changed`),
 * so the query keys below are refreshed by them.
 */
export const tagKinds = {
  client: {
    base: '/clients/tags', catalog: 'clientTags', title: 'Теги клиентов', one: 'Тег клиента',
    about: 'Характеризуют клиента и видны в каждом его диалоге: ВИП-клиент, часто обращается.',
    usage: 'Клиентов с тегом', example: 'ВИП-клиент',
  },
  session: {
    base: '/sessions/tags', catalog: 'sessionTags', title: 'Теги сессий', one: 'Тег сессии',
    about: 'Характеризуют один диалог и видны только в нём: предоплата, кредит.',
    usage: 'Диалогов с тегом', example: 'предоплата',
  },
} as const satisfies Record<TagKind, unknown>

/**
 * The tag catalogs. The pickers in the client card and the list filters read them too: one key per
 * catalog keeps a tag renamed here in step everywhere it shows.
 */
export const tagCatalogQueries = {
  all: (kind: TagKind) => ['catalog', tagKinds[kind].catalog] as const,
  /** Without `includeArchived`: the active tags, the only ones a picker or filter offers. */
  list: (kind: TagKind, includeArchived = false) =>
    queryOptions({
      queryKey: [...tagCatalogQueries.all(kind), { includeArchived }],
      queryFn: ({ signal }) =>
        api.get(tagKinds[kind].base, tagListSchema, { query: { includeArchived: includeArchived || undefined }, signal }),
    }),
}
