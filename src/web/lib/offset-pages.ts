type Page = { items: unknown[]; count: number | null }

/**
 * `getNextPageParam` of a list paged by offset that reports its total `count`: the offset after the pages
 * loaded, or undefined once a page comes back short or everything is loaded.
 */
export const nextOffset = (pageSize: number) => (last: Page, pages: Page[]) => {
  const loaded = pages.reduce((n, page) => n + page.items.length, 0)
  return last.items.length === pageSize && last.count !== null && loaded < last.count ? loaded : undefined
}
