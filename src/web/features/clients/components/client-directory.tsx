import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useLocation, useNavigate, useSearchParams } from 'react-router'
import { DEFAULT_ORDER, type ClientSort } from '@shared/client-directory'
import { catalogQueries } from '@/lib/catalog-queries'
import { companyQuery } from '@/lib/company'
import { meQuery } from '@/lib/me'
import type { DirectoryRow } from '@/features/clients/api/directory'
import type { DirectoryLinkState } from '@/features/clients/utils/link-state'
import { attributeColumn } from '@/features/clients/utils/columns'
import {
  apiQueryOf,
  hasFilters,
  readView,
  writeView,
  type DirectoryView,
} from '@/features/clients/utils/directory-view'
import { AttributeFilterPopover } from './attribute-filter-popover'
import { BulkBar } from './bulk-bar'
import { ClientSearch } from './client-search'
import { ClientTagFilter } from './client-tag-filter'
import { ColumnChooser } from './column-chooser'
import { gridColumns } from './directory-cells'
import { DirectoryGrid } from './directory-grid'
import { ExportButton } from './export-button'
import { FilterChips } from './filter-chips'
import { InterruptedBulkEdits } from './interrupted-bulk-edits'
import { useSelection } from '@/features/clients/hooks/use-selection'

/**
 * "Клиенты": search, filters, sort and columns, all in the URL (directory-view.ts), so a view can be
 * bookmarked or sent; the table below shows it. Supervisors and admins can tick rows, or all of the
 * filter, and change them at once. `actions`: more buttons for the toolbar, from the page (saving the view).
 */
export function ClientDirectory({ actions }: { actions?: ReactNode }) {
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const location = useLocation()
  const view = readView(params)
  const update = (change: Partial<DirectoryView>) =>
    setParams((current) => writeView({ ...readView(current), ...change }), { replace: true })

  // The whole catalogs, archived entries too: a filter or column from an old link still has a name.
  const attributeCatalog = useQuery(catalogQueries.attributes())
  const tagCatalog = useQuery(catalogQueries.tags('client', true))
  const attributes = new Map((attributeCatalog.data?.items ?? []).map((a) => [a.id, a]))
  const activeAttributes = [...attributes.values()].filter((a) => !a.archivedAt)
  // An archived attribute stays in the chooser while it is a column, so it can be taken off.
  const columnAttributes = [...attributes.values()].filter(
    (a) => !a.archivedAt || view.columns.includes(attributeColumn(a.id)),
  )
  const tags = new Map((tagCatalog.data?.items ?? []).map((t) => [t.id, t]))
  const apiQuery = apiQueryOf(view)
  // Supervisors and admins tick rows for a bulk edit; a new search starts with nothing ticked.
  const role = useQuery(meQuery()).data?.role
  const selection = useSelection(apiQuery.toString())
  const canBulkEdit = role === 'supervisor' || role === 'admin'
  // Operators download the directory only where an admin allowed it (Компания).
  const company = useQuery({ ...companyQuery(), enabled: role === 'operator' })
  const canExport = canBulkEdit || company.data?.operatorsExport === true

  const sortBy = (sort: ClientSort) =>
    update({ sort, order: sort === view.sort ? (view.order === 'asc' ? 'desc' : 'asc') : DEFAULT_ORDER[sort] })
  const open = (row: DirectoryRow) =>
    navigate(`/clients/${row.id}`, { state: { directorySearch: location.search } satisfies DirectoryLinkState })

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Клиенты</h1>
        <div className="flex flex-wrap items-center gap-2">
          {actions}
          <ColumnChooser
            value={view.columns}
            onChange={(columns) => update({ columns })}
            attributes={columnAttributes}
          />
          {canExport && <ExportButton apiQuery={apiQuery} />}
        </div>
      </div>
      {canBulkEdit && <InterruptedBulkEdits />}
      <div className="flex flex-wrap items-center gap-2">
        <ClientSearch value={view.keyword} onChange={(keyword) => update({ keyword })} />
        <ClientTagFilter
          value={view.tagIds}
          without={view.withoutTagIds}
          onChange={(tagIds, withoutTagIds) => update({ tagIds, withoutTagIds })}
        />
        <AttributeFilterPopover
          attributes={activeAttributes}
          onApply={(f) =>
            update({ attributeFilters: [...view.attributeFilters.filter((g) => g.attributeId !== f.attributeId), f] })
          }
        />
      </div>
      <FilterChips
        tagIds={view.tagIds}
        withoutTagIds={view.withoutTagIds}
        attributeFilters={view.attributeFilters}
        tags={tags}
        attributes={attributes}
        updatedBefore={view.updatedBefore}
        onRemoveUpdatedBefore={() => update({ updatedBefore: '' })}
        onRemoveTag={(id, without) =>
          update(
            without
              ? { withoutTagIds: view.withoutTagIds.filter((t) => t !== id) }
              : { tagIds: view.tagIds.filter((t) => t !== id) },
          )
        }
        onRemoveAttribute={(id) =>
          update({ attributeFilters: view.attributeFilters.filter((f) => f.attributeId !== id) })
        }
        onClear={() => update({ tagIds: [], withoutTagIds: [], attributeFilters: [], updatedBefore: '' })}
      />
      <DirectoryGrid
        apiQuery={apiQuery}
        columns={gridColumns(view.columns, attributes)}
        sort={view.sort}
        order={view.order}
        onSort={sortBy}
        onOpen={open}
        filtered={hasFilters(view)}
        {...(canBulkEdit && {
          selection,
          toolbar: (total: number | null, capped: boolean) => (
            <BulkBar selection={selection} total={capped ? null : total} apiQuery={apiQuery} />
          ),
        })}
      />
    </div>
  )
}
