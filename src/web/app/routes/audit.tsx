import { AuditLog } from '@/features/audit/components/audit-log'

export function AuditPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Журнал</h1>
        <p className="text-sm text-slate-700">
          Входы, API-токены, сотрудники, изменения каталога и экспорт за 180 дней.
        </p>
        <AuditLog />
      </div>
    </div>
  )
}
