import { z } from 'zod'
import { idSchema, listOf, listQuery, momentSchema, userRefSchema } from '@shared/common'

/** What the admins' "Журнал" records, with the label the panel shows. */
export const AUDIT_ACTIONS = {
  'sign-in': 'Вход',
  'sign-in.failed': 'Неверный пароль',
  'api-token.issued': 'Выпущен API-токен',
  'api-token.revoked': 'Отозван API-токен',
  'user.created': 'Добавлен сотрудник',
  'user.updated': 'Изменён сотрудник',
  'user.password-reset': 'Сброшен пароль',
  'password.changed': 'Сменён свой пароль',
  'catalog.changed': 'Изменён каталог',
  'clients.merged': 'Объединены клиенты',
  'clients.merge-undone': 'Отменено объединение',
  export: 'Экспорт клиентов',
  import: 'Импорт клиентов',
  'import.undone': 'Отменён импорт',
  bulk: 'Массовое изменение',
  'bulk.undone': 'Отменено массовое изменение',
  'session.force-closed': 'Диалог закрыт без обязательных',
  'webhook.created': 'Добавлен вебхук',
  'webhook.updated': 'Изменён вебхук',
  'webhook.deleted': 'Удалён вебхук',
  'webhook.secret-rotated': 'Сменён ключ вебхука',
  'webhook.disabled': 'Вебхук отключён после отказов',
  'channel-secret.rotated': 'Сменён ключ обратных вызовов каналов',
  'client.exported': 'Выгружены данные клиента',
  'client.blocked': 'Обработка данных заблокирована',
  'client.unblocked': 'Обработка данных разблокирована',
  'client.erased': 'Уничтожены персональные данные',
  'privacy-request.created': 'Зарегистрирован запрос по ПДн',
  'privacy-request.updated': 'Изменён запрос по ПДн',
  'privacy.settings': 'Изменены настройки ПДн',
} as const
export type AuditAction = keyof typeof AUDIT_ACTIONS
export const auditActionSchema = z.enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]])

/** Entries are kept this long. */
export const AUDIT_RETENTION_DAYS = 180

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: auditActionSchema,
  /** Who did it; null once that user is deleted (`actorName` keeps the name). */
  actor: userRefSchema.nullable(),
  actorName: z.string().nullable(),
  summary: z.string(),
  address: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>
export const auditListSchema = listOf(auditEntrySchema)

export const auditQuerySchema = listQuery({
  action: auditActionSchema.optional(),
  actorId: idSchema.optional(),
  from: momentSchema.optional().describe('Не раньше'),
  to: momentSchema.optional().describe('Не позже'),
})
