import { useState } from 'react'
import { toast } from 'sonner'
import type { Webhook } from '@shared/webhooks'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { formatDateTime } from '@/lib/dates'
import { useDeleteWebhook, useRotateSecret, useTestWebhook, useUpdateWebhook } from '@/features/webhooks/api/webhooks'
import { DeliveryLog, statusLabels, statusTones } from './delivery-log'
import { WebhookForm } from './webhook-form'

/** One webhook: its state and last delivery, and what an admin does with it. */
export function WebhookItem({ webhook: w, onSecret }: { webhook: Webhook; onSecret: (secret: string) => void }) {
  const update = useUpdateWebhook()
  const remove = useDeleteWebhook()
  const rotate = useRotateSecret()
  const test = useTestWebhook()
  const [editing, setEditing] = useState(false)
  const [showLog, setShowLog] = useState(false)
  const sendTest = () =>
    test.mutate(w.id, {
      onSuccess: (r) =>
        r.ok
          ? toast.success(`Тест доставлен: код ${r.statusCode}, ${r.latencyMs} мс`)
          : toast.error(`Тест не доставлен: ${r.error ?? `код ${r.statusCode}`}`),
      onError: (error) => toast.error(error.message),
    })
  return (
    <li className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="truncate font-mono text-sm text-slate-900" title={w.url}>
            {w.url}
          </p>
          {w.description && <p className="text-sm text-slate-700">{w.description}</p>}
          <p className="text-xs text-slate-600">Событий: {w.events.length}</p>
        </div>
        {w.active ? (
          <Badge tone="green">Включён</Badge>
        ) : (
          <Badge tone={w.disabledReason ? 'red' : 'neutral'}>Выключен</Badge>
        )}
        {w.lastDelivery && (
          <Badge tone={statusTones[w.lastDelivery.status]}>
            {statusLabels[w.lastDelivery.status]} {formatDateTime(w.lastDelivery.at)}
          </Badge>
        )}
      </div>
      {w.disabledReason && (
        <p role="alert" className="text-sm text-red-700">
          Отключён сервисом: {w.disabledReason}. Включите, когда получатель заработает.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Dialog open={editing} onOpenChange={setEditing}>
          <DialogTrigger asChild>
            <Button variant="secondary" size="sm">
              Изменить
            </Button>
          </DialogTrigger>
          <DialogContent title="Вебхук">
            <WebhookForm
              defaultValues={{ url: w.url, description: w.description ?? '', events: w.events }}
              submitLabel="Сохранить"
              onSubmit={async (patch) => {
                await update.mutateAsync({ id: w.id, patch })
                setEditing(false)
              }}
            />
          </DialogContent>
        </Dialog>
        <Button variant="secondary" size="sm" onClick={sendTest} disabled={test.isPending}>
          Отправить тест
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: w.id, patch: { active: !w.active } })}
        >
          {w.active ? 'Выключить' : 'Включить'}
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="secondary" size="sm">
              Сменить ключ
            </Button>
          }
          title="Сменить ключ подписи?"
          description="Новый ключ покажем один раз. Старый ещё сутки ставит вторую подпись, чтобы получатель успел перейти."
          confirmLabel="Сменить"
          mutation={rotate}
          onConfirm={(close) => rotate.mutate(w.id, { onSuccess: (r) => (onSecret(r.secret), close()) })}
        />
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm">
              Удалить
            </Button>
          }
          title="Удалить вебхук?"
          description="События перестанут уходить по этому адресу, журнал доставок удалится."
          confirmLabel="Удалить"
          mutation={remove}
          onConfirm={(close) => remove.mutate(w.id, { onSuccess: close })}
        />
        <Button variant="ghost" size="sm" aria-expanded={showLog} onClick={() => setShowLog(!showLog)}>
          {showLog ? 'Скрыть журнал' : 'Журнал доставок'}
        </Button>
      </div>
      {showLog && <DeliveryLog logPath={`/webhooks/${w.id}/deliveries`} />}
    </li>
  )
}
