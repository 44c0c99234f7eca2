import { Button } from './button'
import { Spinner } from './spinner'

interface Pages {
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => Promise<unknown>
}

/** "Показать ещё" under a paged list, while there is more; it shows that the next page is on its way. */
export function LoadMore({ pages, className }: { pages: Pages; className?: string }) {
  if (!pages.hasNextPage) return null
  return (
    <Button
      variant="secondary"
      className={className}
      onClick={() => void pages.fetchNextPage()}
      disabled={pages.isFetchingNextPage}
    >
      {pages.isFetchingNextPage && <Spinner />} Показать ещё
    </Button>
  )
}
