import { EmptyState } from '../../components/ui/states'

export function CatalogPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Каталог параметров и тегов</h1>
        <div className="rounded-lg bg-white ring-1 ring-slate-200">
          <EmptyState title="Параметров и тегов пока нет" />
        </div>
      </div>
    </div>
  )
}
