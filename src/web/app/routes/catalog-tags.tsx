import { useSearchParams } from 'react-router'
import type { TagKind } from '@/lib/query-keys'
import { TagCatalog } from '@/features/catalog/tags/components/tag-catalog'

/** "Показать архив" lives in the URL (?archived=1): a reload or a shared link keeps it. */
function TagCatalogRoute({ kind }: { kind: TagKind }) {
  const [params, setParams] = useSearchParams()
  return (
    <TagCatalog
      kind={kind}
      showArchived={params.get('archived') === '1'}
      onShowArchived={(show) => setParams(show ? { archived: '1' } : {}, { replace: true })}
    />
  )
}

export const ClientTagsPage = () => <TagCatalogRoute kind="client" />
export const SessionTagsPage = () => <TagCatalogRoute kind="session" />
