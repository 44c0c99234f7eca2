import { WebhookList } from '@/features/webhooks/components/webhook-list'

export function WebhooksPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Вебхуки</h1>
        <p className="text-sm text-slate-700">
          Изменения карточек уходят в CRM и другие системы сразу, с подписью Standard Webhooks. Неудачные доставки
          повторяются 3 дня; события одного клиента приходят по порядку. Вебхук видит все параметры.
        </p>
        <WebhookList />
      </div>
    </div>
  )
}
