import { Copy } from 'lucide-react'
import { toast } from 'sonner'
import { Button } from './button'

/**
 * Copies `value` and says so in a toast naming what was copied ("Внешний ID скопирован"). Without a
 * clipboard (plain http, permission refused) the toast shows the value to copy by hand.
 */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      toast.success(`${what} скопирован: ${value}`)
    } catch {
      toast.error(`Не удалось скопировать ${what.toLowerCase()}. Выделите его: ${value}`)
    }
  }
  return (
    <Button
      variant="ghost"
      size="sm"
      className="h-6 px-1.5"
      aria-label={`Скопировать: ${what}`}
      title={`Скопировать: ${what}`}
      onClick={() => void copy()}
    >
      <Copy aria-hidden className="size-3.5" />
    </Button>
  )
}
