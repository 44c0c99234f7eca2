import { Archive } from 'lucide-react'
import { Button } from './button'

/** "Показать архив": the same button in the same place (beside "Новый …") on every catalog page. */
export function ArchiveToggle({
  shown,
  onChange,
  count,
}: {
  shown: boolean
  onChange: (shown: boolean) => void
  count?: number
}) {
  return (
    <Button variant="secondary" aria-pressed={shown} onClick={() => onChange(!shown)}>
      <Archive aria-hidden className="size-4" /> Показать архив{count !== undefined && ` (${count})`}
    </Button>
  )
}
