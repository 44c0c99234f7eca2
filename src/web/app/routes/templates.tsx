import { useQuery } from '@tanstack/react-query'
import { TemplateList } from '@/features/templates/components/template-list'
import { meQuery } from '@/lib/me'

export function TemplatesPage() {
  const me = useQuery(meQuery())
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Шаблоны</h1>
        <p className="text-sm text-slate-700">
          Готовые ответы со значениями из карточки клиента. В ответе клиенту «/» в начале строки (или Alt+T) открывает
          их; пустой параметр можно заполнить прямо там. Общие шаблоны ведут руководители и администраторы, личные —
          каждый сам.
        </p>
        {me.data && <TemplateList role={me.data.role} />}
      </div>
    </div>
  )
}
