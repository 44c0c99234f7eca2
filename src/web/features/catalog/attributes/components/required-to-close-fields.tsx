import { useQuery } from '@tanstack/react-query'
import { Controller, useWatch, type UseFormReturn } from 'react-hook-form'
import type { AttributeInput } from '@shared/attributes'
import { catalogQueries } from '@/lib/catalog-queries'
import type { AttributeFields } from './attribute-form'

/**
 * "Обязателен при закрытии": a dialogue is not closed while the client has no value, in every channel or
 * only in the ticked ones (none ticked: all).
 */
export function RequiredToCloseFields({ form }: { form: UseFormReturn<AttributeFields, unknown, AttributeInput> }) {
  const required = useWatch({ control: form.control, name: 'requiredToClose' })
  const chats = useQuery({ ...catalogQueries.chats(), enabled: Boolean(required) })
  const active = (chats.data?.items ?? []).filter((c) => !c.archivedAt)
  return (
    <fieldset className="space-y-2">
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="size-4" {...form.register('requiredToClose')} /> Обязателен при закрытии
        диалога
      </label>
      {required && active.length > 0 && (
        <Controller
          control={form.control}
          name="requiredChatIds"
          render={({ field }) => {
            const picked = field.value ?? []
            return (
              <fieldset className="ml-6 space-y-1">
                <legend className="text-xs text-slate-600">Только в каналах (ни один не отмечен — во всех)</legend>
                {active.map((chat) => (
                  <label key={chat.id} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      className="size-4"
                      checked={picked.includes(chat.id)}
                      onChange={(e) =>
                        field.onChange(e.target.checked ? [...picked, chat.id] : picked.filter((id) => id !== chat.id))
                      }
                    />
                    {chat.name}
                  </label>
                ))}
              </fieldset>
            )
          }}
        />
      )}
    </fieldset>
  )
}
