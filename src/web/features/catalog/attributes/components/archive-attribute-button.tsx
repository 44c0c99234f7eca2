import { Archive } from 'lucide-react'
import { toast } from 'sonner'
import type { Attribute } from '@shared/attributes'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { useArchiveAttribute } from '@/features/catalog/attributes/api/attribute-catalog'
import { usageLabel } from './usage-label'

export function ArchiveAttributeButton({ attribute }: { attribute: Attribute }) {
  const archive = useArchiveAttribute()
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`В архив: ${attribute.name}`} title="В архив">
          <Archive aria-hidden className="size-4" />
        </Button>
      }
      title={`Убрать «${attribute.name}» в архив?`}
      description={`Параметр пропадёт из карточек клиентов. Значения (${usageLabel(attribute.usageCount)}) и история сохранятся; параметр можно восстановить.`}
      confirmLabel="В архив"
      mutation={archive}
      onConfirm={(done) =>
        archive.mutate(attribute.id, {
          onSuccess: () => {
            done()
            toast.success(`«${attribute.name}» в архиве`)
          },
        })
      }
    />
  )
}
