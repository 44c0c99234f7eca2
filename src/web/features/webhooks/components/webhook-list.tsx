import { useQuery } from '@tanstack/react-query'
import { Plus } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import { useCreateWebhook, webhooksQuery } from '@/features/webhooks/api/webhooks'
import { SecretNotice } from './secret-notice'
import { WebhookForm } from './webhook-form'
import { WebhookItem } from './webhook-item'

/** «Вебхуки»: the company's webhooks, adding one, and the secret shown once. */
export function WebhookList() {
  const webhooks = useQuery(webhooksQuery())
  const create = useCreateWebhook()
  const [adding, setAdding] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)
  return (
    <div className="space-y-4">
      <Dialog open={adding} onOpenChange={setAdding}>
        <DialogTrigger asChild>
          <Button>
            <Plus aria-hidden className="size-4" /> Добавить вебхук
          </Button>
        </DialogTrigger>
        <DialogContent title="Новый вебхук">
          <WebhookForm
            defaultValues={{ url: '', description: '', events: ['client.attributes.changed'] }}
            submitLabel="Добавить"
            onSubmit={async (input) => {
              const created = await create.mutateAsync(input)
              setSecret(created.secret)
              setAdding(false)
            }}
          />
        </DialogContent>
      </Dialog>
      {secret && <SecretNotice secret={secret} onDone={() => setSecret(null)} />}
      {webhooks.isPending && <LoadingState />}
      {webhooks.isError && <ErrorState error={webhooks.error} onRetry={() => void webhooks.refetch()} />}
      {webhooks.data?.items.length === 0 && (
        <EmptyState title="Вебхуков пока нет">CRM и другие системы узнают об изменениях карточек сразу.</EmptyState>
      )}
      <ul className="space-y-3">
        {webhooks.data?.items.map((w) => (
          <WebhookItem key={w.id} webhook={w} onSecret={setSecret} />
        ))}
      </ul>
    </div>
  )
}
