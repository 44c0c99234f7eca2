import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import type { useUndoImport } from '@/features/import/api/import'

interface UndoImportButtonProps {
  importId: string
  undo: ReturnType<typeof useUndoImport>
  label: string
  size?: 'sm'
}

/** Undoing an import deletes the cards it created: it asks first, as a merge's undo does. */
export function UndoImportButton({ importId, undo, label, size }: UndoImportButtonProps) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" size={size}>
          {label}
        </Button>
      }
      title="Отменить импорт?"
      description="Карточки, которые он создал, будут удалены, а значения, которые он изменил, вернутся к прежним. Что с тех пор поменяли люди, останется как есть."
      confirmLabel="Отменить импорт"
      mutation={undo}
      onConfirm={(done) => undo.mutate(importId, { onSuccess: done })}
    />
  )
}
