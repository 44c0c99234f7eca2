import { filterParams, parseAttributeFilters, type AttributeFilter } from '@shared/attribute-filters'
import { CLIENT_SORTS, DEFAULT_ORDER, type ClientSort, type SortOrder } from '@shared/client-directory'
import { DEFAULT_COLUMNS, isColumnId, isId, type ColumnId } from './columns'

/**
 * Everything that makes a view of the directory. It lives in the page's URL, so a supervisor can
 * bookmark or send it: `?q=…&tagId=…&withoutTagId=…&attr.<id>=…&sort=…&order=…&cols=…`. Filters use the API's own
 * spelling, so a link reads the same as the request it makes.
 */
export interface DirectoryView {
  keyword: string
  tagIds: string[]
  /** Clients without any of these tags. */
  withoutTagIds: string[]
  attributeFilters: AttributeFilter[]
  /** Cards not changed since this moment (ISO), as "Качество карточек" links to them; '' for none. */
  updatedBefore: string
  sort: ClientSort
  order: SortOrder
  columns: ColumnId[]
}

const DEFAULT_SORT: ClientSort = 'lastSessionAt'

const isSort = (value: string | null): value is ClientSort => CLIENT_SORTS.includes(value as ClientSort)

// Long enough for any value a filter form makes; the service checks the real limit.
const MAX_FILTER_LENGTH = 2000

/** Reads a view from the URL; what it cannot understand (an old or edited link) falls back to the default. */
export function readView(params: URLSearchParams): DirectoryView {
  // A malformed filter in an edited link is dropped, not fatal.
  const { filters: attributeFilters } = parseAttributeFilters(params, MAX_FILTER_LENGTH)
  const sortParam = params.get('sort')
  const sort = isSort(sortParam) ? sortParam : DEFAULT_SORT
  const orderParam = params.get('order')
  const cols = params.get('cols')
  return {
    keyword: params.get('q') ?? '',
    tagIds: params.getAll('tagId').filter((id) => isId(id)),
    withoutTagIds: params.getAll('withoutTagId').filter((id) => isId(id)),
    attributeFilters,
    updatedBefore: params.get('updatedBefore') ?? '',
    sort,
    order: orderParam === 'asc' || orderParam === 'desc' ? orderParam : DEFAULT_ORDER[sort],
    columns: cols === null ? DEFAULT_COLUMNS : [...new Set(cols.split(',').filter(isColumnId))],
  }
}

/** The URL of a view: defaults are left out, so the plain page keeps a plain address. */
export function writeView(view: DirectoryView): URLSearchParams {
  const params = new URLSearchParams()
  if (view.keyword) params.set('q', view.keyword)
  for (const tagId of view.tagIds) params.append('tagId', tagId)
  for (const tagId of view.withoutTagIds) params.append('withoutTagId', tagId)
  for (const f of view.attributeFilters) for (const [key, value] of filterParams(f)) params.append(key, value)
  if (view.updatedBefore) params.set('updatedBefore', view.updatedBefore)
  if (view.sort !== DEFAULT_SORT || view.order !== DEFAULT_ORDER[view.sort]) {
    params.set('sort', view.sort)
    params.set('order', view.order)
  }
  if (view.columns.join(',') !== DEFAULT_COLUMNS.join(',')) params.set('cols', view.columns.join(','))
  return params
}

/** The filters and sort as GET /clients and GET /clients/export.csv take them (no paging, no columns). */
export function apiQueryOf(view: DirectoryView): URLSearchParams {
  const params = new URLSearchParams()
  if (view.keyword.trim()) params.set('keyword', view.keyword.trim())
  for (const tagId of view.tagIds) params.append('tagId', tagId)
  for (const tagId of view.withoutTagIds) params.append('withoutTagId', tagId)
  for (const f of view.attributeFilters) for (const [key, value] of filterParams(f)) params.append(key, value)
  if (view.updatedBefore) params.set('updatedBefore', view.updatedBefore)
  params.set('sort', view.sort)
  params.set('order', view.order)
  return params
}

export const hasFilters = (view: DirectoryView) =>
  view.keyword.trim() !== '' ||
  view.tagIds.length + view.withoutTagIds.length + view.attributeFilters.length > 0 ||
  view.updatedBefore !== ''
