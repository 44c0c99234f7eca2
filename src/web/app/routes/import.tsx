import { ImportWizard } from '@/features/import/components/import-wizard'
import { RecentImports } from '@/features/import/components/recent-imports'

export function ImportPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Импорт клиентов</h1>
        <p className="text-sm text-slate-700">
          Карточки из CSV: новые клиенты создаются, найденные по ID, внешнему ID, телефону или почте дополняются.
          Сначала файл проверяется — ничего не меняется, пока вы не нажмёте «Импортировать»; импорт можно отменить.
        </p>
        <ImportWizard />
        <RecentImports />
      </div>
    </div>
  )
}
