import { useInfiniteQuery } from '@tanstack/react-query'
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { ClientSort, SortOrder } from '@shared/client-directory'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { directoryQuery, type DirectoryRow } from '@/features/clients/api/directory'
import type { GridColumn } from './directory-cells'
import { DirectoryHeader, HEADER_HEIGHT } from './directory-header'
import { DirectoryLoaderRow, DirectoryRowView, ROW_HEIGHT } from './directory-row'
import { useGridKeys } from '@/features/clients/hooks/use-grid-keys'
import type { Selection } from '@/features/clients/hooks/use-selection'

/** The tick box column, when rows can be chosen. */
const SELECT_WIDTH = 44

// Ask for the next page while this many loaded rows are still ahead, so a steady scroll never waits.
const FETCH_AHEAD = 30

interface DirectoryGridProps {
  apiQuery: URLSearchParams
  columns: GridColumn[]
  sort: ClientSort
  order: SortOrder
  onSort: (sort: ClientSort) => void
  onOpen: (row: DirectoryRow) => void
  filtered: boolean
  /** Rows can be ticked for a bulk edit (supervisors and admins). */
  selection?: Selection
  /** Shown beside the count, with the total once known: the bulk edit's bar. */
  /** `total`: the count as the service gave it; `capped`: more match than it counts (MAX_DIRECTORY_COUNT). */
  toolbar?: (total: number | null, capped: boolean) => ReactNode
}

/**
 * The directory as a virtualised grid: only the rows in view (and a few around) are in the DOM, so
 * 100,000 clients scroll like 100. Pages load as the end of the loaded rows comes near.
 */
export function DirectoryGrid({
  apiQuery,
  columns,
  sort,
  order,
  onSort,
  onOpen,
  filtered,
  selection,
  toolbar,
}: DirectoryGridProps) {
  // Only attributes the catalog knows: an id from an edited or foreign link would fail the whole list
  // with a 400, where its column can just stay empty.
  const attributeIds = columns.flatMap((c) => (c.attribute ? [c.attribute.id] : []))
  const list = useInfiniteQuery(directoryQuery(apiQuery, attributeIds))
  const scrollRef = useRef<HTMLDivElement>(null)
  const rows = list.data?.pages.flatMap((page) => page.items) ?? []
  const total = list.data?.pages[0]?.count ?? null
  const capped = list.data?.pages[0]?.countCapped === true
  const more = list.hasNextPage || list.isFetchNextPageError
  // The panel is not built with React Compiler, so nothing memoises the virtualiser's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length + (more ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The sticky header sits over the top of the scrolled area: rows start below it, and a row scrolled
    // to with the keys must not end up under it.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    useFlushSync: false,
    // Before layout (or without one, as in jsdom) the container is 0 px high and no row would render:
    // count it a screen high until it is measured.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, height: window.innerHeight })),
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? -1
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, isPlaceholderData, fetchNextPage } = list

  useEffect(() => {
    // Rows of the previous search, shown while the new one loads, have no next page to fetch.
    const idle = !isFetchingNextPage && !isFetchNextPageError && !isPlaceholderData
    if (hasNextPage && idle && lastIndex >= rows.length - FETCH_AHEAD) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, isPlaceholderData, fetchNextPage, lastIndex, rows.length])

  // A new filter or sort starts at the top of the new list.
  const queryKey = apiQuery.toString()
  const [shownQuery, setShownQuery] = useState(queryKey)
  const [active, setActive] = useState(-1)
  if (shownQuery !== queryKey) {
    setShownQuery(queryKey)
    setActive(-1)
  }
  useEffect(() => {
    virtualizer.scrollToOffset(0)
  }, [queryKey, virtualizer])

  const loadedIds = () => rows.map((r) => r.id)
  const keys = useGridKeys({
    count: rows.length,
    active,
    setActive,
    virtualizer,
    onOpen: (i) => rows[i] && onOpen(rows[i]),
    onToggle: selection && ((i) => rows[i] && selection.toggle(rows[i].id, loadedIds())),
  })

  if (list.isPending) return <LoadingState label="Загружаем клиентов…" />
  if (list.isError && !list.isFetchNextPageError)
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />

  // Each column takes its share of the width and gives way down to its minimum; below that, the grid scrolls.
  const template = [
    ...(selection ? [`${SELECT_WIDTH}px`] : []),
    ...columns.map((c) => `minmax(${c.min}px, ${c.width}fr)`),
  ].join(' ')
  const minWidth = (selection ? SELECT_WIDTH : 0) + columns.reduce((sum, c) => sum + c.min, 0)
  const allTicked = selection !== undefined && rows.length > 0 && rows.every((r) => selection.isSelected(r.id))
  const rendered = new Set(items.map((i) => i.index))

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-600" aria-live="polite">
          {total === null
            ? `Загружено: ${rows.length}`
            : `Найдено: ${capped ? 'более ' : ''}${total.toLocaleString('ru')}`}
          {list.isFetching && !list.isFetchingNextPage && ' · обновляем…'}
        </p>
        {toolbar?.(total, capped)}
      </div>
      <div
        ref={scrollRef}
        role="grid"
        aria-label="Клиенты"
        aria-rowcount={capped ? -1 : (total ?? rows.length) + 1}
        aria-colcount={columns.length + (selection ? 1 : 0)}
        aria-activedescendant={rendered.has(active) && rows[active] ? rowId(rows[active]) : undefined}
        aria-busy={list.isFetching || undefined}
        tabIndex={0}
        {...keys}
        className="group relative min-h-0 flex-1 overflow-auto rounded-lg bg-white ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
      >
        <div style={{ minWidth }}>
          <DirectoryHeader
            columns={columns}
            template={template}
            sort={sort}
            order={order}
            onSort={onSort}
            tickAll={
              selection && {
                checked: allTicked,
                onChange: (on) => (on ? selection.setMany(loadedIds(), true) : selection.clear()),
              }
            }
          />
          {rows.length === 0 && <EmptyState title={filtered ? 'Никого не нашлось' : 'Клиентов пока нет'} />}
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index]
              const top = item.start - HEADER_HEIGHT
              return row ? (
                <DirectoryRowView
                  key={row.id}
                  id={rowId(row)}
                  row={row}
                  index={item.index}
                  top={top}
                  columns={columns}
                  template={template}
                  active={item.index === active}
                  onOpen={() => onOpen(row)}
                  onPoint={() => setActive(item.index)}
                  tick={
                    selection && {
                      checked: selection.isSelected(row.id),
                      onChange: () => selection.toggle(row.id, loadedIds()),
                    }
                  }
                />
              ) : (
                <DirectoryLoaderRow
                  key="loader"
                  index={item.index}
                  top={top}
                  error={list.isFetchNextPageError ? list.error : null}
                  onRetry={() => void fetchNextPage()}
                />
              )
            })}
          </div>
        </div>
      </div>
    </div>
  )
}

const rowId = (row: DirectoryRow) => `client-row-${row.id}`
