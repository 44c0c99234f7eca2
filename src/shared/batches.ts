import { z } from 'zod'
import { clientExportQuerySchema } from '@shared/client-directory'
import { idSchema, listOf, userRefSchema } from '@shared/common'

// Imports and bulk edits: many changes made as one batch, every one in the card's history, undone together.

/** Days within which an import or a bulk edit can be undone. */
export const BATCH_UNDO_DAYS = 30
/** Clients one bulk edit may name by id (a larger set is a filter). */
export const MAX_BULK_IDS = 10_000

const setValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])

export const bulkInputSchema = z
  .strictObject({
    filter: clientExportQuerySchema.describe(
      'Тот же фильтр, что у GET /clients (keyword, tagId, withoutTagId, updatedSince, attr.<id>); `{}` — все клиенты',
    ),
    clientIds: z
      .array(idSchema)
      .min(1)
      .max(MAX_BULK_IDS)
      .optional()
      .describe(`Только эти клиенты из отобранных фильтром (до ${MAX_BULK_IDS})`),
    addTags: z.array(idSchema).max(50).optional().describe('Теги клиента, которые добавить'),
    removeTags: z.array(idSchema).max(50).optional().describe('Теги клиента, которые убрать'),
    setAttributes: z
      .record(idSchema, setValueSchema)
      .optional()
      .describe('Параметр → значение; пустая строка или null очищает'),
  })
  .refine(
    (b) => (b.addTags?.length ?? 0) + (b.removeTags?.length ?? 0) + Object.keys(b.setAttributes ?? {}).length > 0,
    { error: 'Укажите, что изменить: addTags, removeTags или setAttributes', path: ['addTags'] },
  )
export type BulkInput = z.input<typeof bulkInputSchema>

export const bulkResultSchema = z.object({
  batchId: z.string(),
  matched: z.number().int().describe('Клиентов подошло под фильтр'),
  changed: z.number().int().describe('У скольких из них что-то изменилось'),
})
export type BulkResult = z.infer<typeof bulkResultSchema>

export const batchKindSchema = z.enum(['import', 'bulk'])
export type BatchKind = z.infer<typeof batchKindSchema>

export const batchSchema = z.object({
  id: z.string(),
  kind: batchKindSchema,
  status: z
    .enum(['running', 'done', 'failed', 'interrupted'])
    .describe(
      'interrupted — процесс сервиса остановился посреди работы: сделанное сохранено, его можно продолжить или отменить',
    ),
  createdAt: z.string(),
  createdBy: userRefSchema.nullable(),
  finishedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
  total: z
    .number()
    .int()
    .nullable()
    .describe('Сколько строк (импорт) или клиентов (массовое изменение) всего, если известно'),
  done: z.number().int().describe('Сколько уже обработано'),
  summary: z.record(z.string(), z.unknown()),
})
export type Batch = z.infer<typeof batchSchema>
export const batchListSchema = listOf(batchSchema)

export const batchUndoResultSchema = z.object({
  reverted: z.number().int().describe('Изменений отменено'),
  kept: z.number().int().describe('Изменений оставлено: поле или тег с тех пор меняли'),
  closed: z
    .number()
    .int()
    .describe('Изменений не вернуть: обработка данных клиента заблокирована или данные уничтожены'),
  deleted: z.number().int().describe('Созданных импортом клиентов удалено'),
  keptClients: z.number().int().describe('Созданных импортом клиентов оставлено: с ними с тех пор работали'),
})
export type BatchUndoResult = z.infer<typeof batchUndoResultSchema>
