import { DuplicateGroups } from '@/features/clients/components/duplicate-groups'

export function DuplicatesPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Дубликаты</h1>
        <p className="text-sm text-slate-700">
          Карточки с одним телефоном (как бы он ни был записан) или одной почтой: возможно, это один человек.
        </p>
        <DuplicateGroups />
      </div>
    </div>
  )
}
