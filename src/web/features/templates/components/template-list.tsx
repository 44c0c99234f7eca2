import { useQuery } from '@tanstack/react-query'
import { Plus } from 'lucide-react'
import { useId, useState, type ReactNode } from 'react'
import { toast } from 'sonner'
import type { Role } from '@shared/common'
import type { Template } from '@shared/templates'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states'
import {
  templatesQuery,
  templateUsageQuery,
  useCreateTemplate,
  useDeleteTemplate,
  useUpdateTemplate,
} from '@/features/templates/api/templates'
import { formDefaults, TemplateForm } from './template-form'

function TemplateDialog({ template, role, trigger }: { template?: Template; role: Role; trigger: ReactNode }) {
  const [open, setOpen] = useState(false)
  const create = useCreateTemplate()
  const update = useUpdateTemplate()
  const sharedAllowed = role !== 'operator'
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={template ? 'Изменить шаблон' : 'Новый шаблон'} wide>
        <TemplateForm
          defaultValues={formDefaults(template, !sharedAllowed)}
          sharedAllowed={sharedAllowed}
          editing={!!template}
          submitLabel={template ? 'Сохранить' : 'Добавить'}
          onSubmit={async ({ personal, ...input }) => {
            const saved = template
              ? await update.mutateAsync({ id: template.id, patch: input })
              : await create.mutateAsync({ ...input, personal })
            toast.success(`Шаблон «${saved.name}» ${template ? 'сохранён' : 'добавлен'}`)
            setOpen(false)
          }}
        />
      </DialogContent>
    </Dialog>
  )
}

function TemplateRow({ template: t, role }: { template: Template; role: Role }) {
  const remove = useDeleteTemplate()
  const mayChange = t.personal || role !== 'operator'
  const macro = [...t.actions.clientTags, ...t.actions.sessionTags].length + t.actions.values.length
  return (
    <li className="flex flex-wrap items-start gap-3 px-4 py-3">
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-medium text-slate-900">
          {t.name} <code className="text-xs font-normal text-slate-600">{t.code}</code>{' '}
          {t.personal && <Badge>Личный</Badge>} {macro > 0 && <Badge tone="green">Макрос: {macro}</Badge>}{' '}
          {t.problems.length > 0 && <Badge tone="red">{t.problems.join('; ')}</Badge>}
        </p>
        <p className="line-clamp-2 text-sm whitespace-pre-wrap text-slate-700">{t.body}</p>
        <p className="text-xs text-slate-600">
          Использован {t.usage} раз, вами — {t.myUsage}
        </p>
      </div>
      {mayChange && (
        <div className="flex gap-1">
          <TemplateDialog
            template={t}
            role={role}
            trigger={
              <Button variant="ghost" size="sm" aria-label={`Изменить «${t.name}»`}>
                Изменить
              </Button>
            }
          />
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" aria-label={`Удалить «${t.name}»`}>
                Удалить
              </Button>
            }
            title={`Удалить шаблон «${t.name}»?`}
            description="Его больше не будет в ответе ни у кого, кто им пользовался."
            confirmLabel="Удалить"
            mutation={remove}
            onConfirm={(close) => remove.mutate(t.id, { onSuccess: close })}
          />
        </div>
      )}
    </li>
  )
}

/** Supervisors and admins: how shared templates are used, and by whom; the unused ones stand out. */
function UsageReport() {
  const usage = useQuery(templateUsageQuery())
  if (usage.isPending) return <LoadingState />
  if (usage.isError) return <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Использование общих шаблонов</caption>
      <thead className="text-left text-slate-600">
        <tr>
          <th className="py-1 font-medium">Шаблон</th>
          <th className="py-1 font-medium">Раз</th>
          <th className="py-1 font-medium">Кто пользуется</th>
        </tr>
      </thead>
      <tbody>
        {usage.data.items.map((u) => (
          <tr key={u.id} className="border-t border-slate-100">
            <td className="py-1">
              {u.name} <code className="text-xs text-slate-600">{u.code}</code>
            </td>
            <td className="py-1">{u.usage === 0 ? <Badge tone="red">ни разу</Badge> : u.usage}</td>
            <td className="py-1 text-slate-700">{u.byOperator.map((o) => `${o.name}: ${o.count}`).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** «Шаблоны»: the company's shared replies and one's own, by folder, searchable, with how often each is used. */
export function TemplateList({ role }: { role: Role }) {
  const id = useId()
  const templates = useQuery(templatesQuery())
  const [search, setSearch] = useState('')
  const [showUsage, setShowUsage] = useState(false)
  const words = search.trim().toLocaleLowerCase('ru')
  const shown =
    templates.data?.items.filter((t) =>
      `${t.name} ${t.code} ${t.body} ${t.folder ?? ''}`.toLocaleLowerCase('ru').includes(words),
    ) ?? []
  const folders = [...new Set(shown.map((t) => t.folder ?? ''))].sort((a, b) => a.localeCompare(b, 'ru'))
  return (
    <section className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={`${id}-search`} className="sr-only">
          Поиск шаблонов
        </label>
        <Input
          id={`${id}-search`}
          type="search"
          placeholder="Название, код или текст"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="max-w-sm"
        />
        <TemplateDialog
          role={role}
          trigger={
            <Button>
              <Plus aria-hidden className="size-4" /> Новый шаблон
            </Button>
          }
        />
        {role !== 'operator' && (
          <Button variant="secondary" aria-expanded={showUsage} onClick={() => setShowUsage(!showUsage)}>
            {showUsage ? 'Скрыть использование' : 'Кто чем пользуется'}
          </Button>
        )}
      </div>
      {showUsage && <UsageReport />}
      {templates.isPending && <LoadingState />}
      {templates.isError && <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />}
      {templates.data &&
        (shown.length === 0 ? (
          <EmptyState title={words ? 'Ничего не нашлось' : 'Шаблонов пока нет'}>
            В ответе клиенту «/» в начале строки открывает шаблоны.
          </EmptyState>
        ) : (
          folders.map((folder) => (
            <section key={folder} aria-label={folder || 'Без папки'} className="space-y-1">
              <h2 className="text-sm font-semibold text-slate-800">{folder || 'Без папки'}</h2>
              <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
                {shown
                  .filter((t) => (t.folder ?? '') === folder)
                  .map((t) => (
                    <TemplateRow key={t.id} template={t} role={role} />
                  ))}
              </ul>
            </section>
          ))
        ))}
    </section>
  )
}
