import { ArchiveRestore } from 'lucide-react'
import { toast } from 'sonner'
import { attributeTypeLabels, type Attribute } from '@shared/attributes'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useUpdateAttribute } from '@/features/catalog/attributes/api/attribute-catalog'
import { usageLabel } from './usage-label'

/** Archived attributes: off the cards, values and history kept, back with one click. */
export function ArchivedAttributes({ items }: { items: Attribute[] }) {
  const update = useUpdateAttribute()
  const restore = (a: Attribute) =>
    update.mutate(
      { id: a.id, patch: { archived: false } },
      {
        onSuccess: () => toast.success(`«${a.name}» снова в карточках`),
        onError: (error) => toast.error(`Не удалось восстановить «${a.name}»: ${error.message}`),
      },
    )

  return (
    <section aria-labelledby="archived-attributes-heading" className="space-y-2">
      <h3 id="archived-attributes-heading" className="text-sm font-semibold text-slate-800">
        Архив
      </h3>
      {items.length === 0 && <p className="text-sm text-slate-600">В архиве пусто</p>}
      <ul aria-label="Архивные параметры" className="space-y-2">
        {items.map((a) => (
          <li key={a.id} className="flex items-center gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium break-words text-slate-700">{a.name}</span>
                <Badge>{attributeTypeLabels[a.type]}</Badge>
              </p>
              <p className="text-xs text-slate-600">{usageLabel(a.usageCount)}</p>
            </div>
            <Button
              variant="secondary"
              size="sm"
              aria-label={`Восстановить: ${a.name}`}
              disabled={update.isPending && update.variables.id === a.id}
              onClick={() => restore(a)}
            >
              <ArchiveRestore aria-hidden className="size-4" /> Восстановить
            </Button>
          </li>
        ))}
      </ul>
    </section>
  )
}
