import { Download, Lock, LockOpen, Trash2 } from 'lucide-react'
import { toast } from 'sonner'
import type { Client } from '@shared/clients'
import { Button } from '@/components/ui/button'
import { downloadDocument } from '@/features/privacy/api/privacy'
import { BlockDialog } from './block-dialog'
import { EraseDialog } from './erase-dialog'

/** An admin's answers to a person's request, on the client's page: their data, a block, the destruction. */
export function ClientPrivacyActions({ client }: { client: Client }) {
  const save = (format: 'html' | 'json') =>
    downloadDocument(
      `/clients/${client.id}/personal-data?format=${format}`,
      `personal-data-${client.id}.${format}`,
    ).catch((err: Error) => toast.error(`Выгрузить не удалось: ${err.message}`))
  if (client.erasedAt) return null
  return (
    <div role="group" aria-label="Персональные данные" className="flex flex-wrap items-center gap-1.5">
      <Button
        variant="secondary"
        size="sm"
        onClick={() => void save('html')}
        title="Документ для печати: всё, что хранится о клиенте"
      >
        <Download aria-hidden className="size-4" /> Данные клиента
      </Button>
      <Button variant="ghost" size="sm" onClick={() => void save('json')} title="То же в JSON">
        JSON
      </Button>
      <BlockDialog client={client}>
        <Button variant="secondary" size="sm">
          {client.blockedAt ? <LockOpen aria-hidden className="size-4" /> : <Lock aria-hidden className="size-4" />}
          {client.blockedAt ? 'Снять блокировку' : 'Заблокировать'}
        </Button>
      </BlockDialog>
      <EraseDialog client={client}>
        <Button variant="secondary" size="sm" className="text-red-800">
          <Trash2 aria-hidden className="size-4" /> Уничтожить данные
        </Button>
      </EraseDialog>
    </div>
  )
}
