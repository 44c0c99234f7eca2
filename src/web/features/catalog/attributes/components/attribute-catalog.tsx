import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ArchiveToggle } from '@/components/ui/archive-toggle'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { catalogQueries } from '@/lib/catalog-queries'
import { ArchivedAttributes } from './archived-attributes'
import { AttributeList } from './attribute-list'
import { CreateAttributeDialog } from './create-attribute-dialog'

/** "Каталог → Параметры": what operators fill in on the "О клиенте" card, in the card's order. */
export function AttributeCatalog() {
  const catalog = useQuery(catalogQueries.attributes())
  const [showArchive, setShowArchive] = useState(false)
  const all = catalog.data?.items ?? []
  const active = all.filter((a) => a.archivedAt === null)
  const archived = all.filter((a) => a.archivedAt !== null)

  return (
    <section aria-labelledby="attribute-catalog-heading" className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="attribute-catalog-heading" className="text-base font-semibold text-slate-900">
            Параметры клиента
          </h2>
          <p className="text-sm text-slate-600">
            Порядок здесь — порядок в карточке: перетащите строку или используйте стрелки.
          </p>
        </div>
        <ArchiveToggle
          shown={showArchive}
          onChange={setShowArchive}
          count={catalog.isSuccess ? archived.length : undefined}
        />
        <CreateAttributeDialog />
      </div>
      {catalog.isPending && <LoadingState />}
      {catalog.isError && <ErrorState error={catalog.error} onRetry={() => void catalog.refetch()} />}
      {catalog.isSuccess && active.length === 0 && (
        <EmptyState title="Параметров пока нет">Создайте первый, например «Увлечение» или «Дата рождения».</EmptyState>
      )}
      {active.length > 0 && <AttributeList items={active} catalog={all} />}
      {showArchive && <ArchivedAttributes items={archived} />}
    </section>
  )
}
