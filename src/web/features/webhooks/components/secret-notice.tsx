import { useRef } from 'react'
import { CopyButton } from '@/components/ui/copy-button'

/** The signing secret, shown once after adding a webhook or rotating its secret. */
export function SecretNotice({ secret, onDone }: { secret: string; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null)
  return (
    <div role="status" className="space-y-2 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
      <p className="text-sm text-slate-900">
        Ключ подписи показывается один раз: сохраните его там, где получатель проверяет подпись.
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor="webhook-secret" className="sr-only">
          Ключ подписи
        </label>
        <input
          id="webhook-secret"
          ref={field}
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs"
        />
        <CopyButton value={secret} what="Ключ подписи" />
      </div>
      <button type="button" className="text-sm text-blue-800 underline" onClick={onDone}>
        Сохранил, скрыть
      </button>
    </div>
  )
}
