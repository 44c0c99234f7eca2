import { z } from 'zod'
import { idSchema } from '@shared/common'

// CSV import of client cards: the export's own format read back, checked in a dry run first.

/** The largest file an import takes: about a million cards of 40 parameters, as the export writes them. */
export const MAX_IMPORT_MB = 512
/** Columns a file may have: the fields, the tags and every parameter of a catalog fit many times over. */
export const MAX_IMPORT_COLUMNS = 500
/** Errors listed in one answer; `errorCount` counts them all. */
export const MAX_IMPORT_ERRORS = 1000
/** Lines of the file the dry run returns for the panel's preview. */
export const IMPORT_PREVIEW_ROWS = 10

/** Where a column goes: a client field, the tags, an attribute (its id), or nowhere. */
export const IMPORT_FIELDS = ['id', 'externalId', 'name', 'phone', 'email', 'tags', 'skip'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
export const importFieldLabels: Record<ImportField, string> = {
  id: 'ID клиента',
  externalId: 'Внешний ID',
  name: 'Имя',
  phone: 'Телефон',
  email: 'Эл. почта',
  tags: 'Теги клиента',
  skip: 'Не загружать',
}
const targetSchema = z.union([z.enum(IMPORT_FIELDS), idSchema])

export const importMatchSchema = z.enum(['phone', 'email', 'none'])
export type ImportMatch = z.infer<typeof importMatchSchema>

export const importQuerySchema = z.strictObject({
  dryRun: z.stringbool().default(false).describe('Только проверить: ничего не меняется, importId = null'),
  matchBy: importMatchSchema
    .default('phone')
    .describe(
      'Строка без найденного ID и внешнего ID ищет клиента по телефону (последние 10 цифр) или почте; none — создаёт нового',
    ),
  columns: z
    .string()
    .max(20_000)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      const targets = v.split(',').map((t) => t.trim())
      const bad = targets.findIndex((t) => !targetSchema.safeParse(t).success)
      if (bad >= 0) {
        ctx.issues.push({
          code: 'custom',
          message: `столбец ${bad + 1}: ожидается ${IMPORT_FIELDS.join(', ')} или id параметра`,
          input: v,
        })
        return z.NEVER
      }
      return targets
    })
    .describe(
      `Свой разбор столбцов по порядку, через запятую: ${IMPORT_FIELDS.join(', ')} или id параметра. Без него — по заголовкам`,
    ),
})
export type ImportQuery = z.output<typeof importQuerySchema>

export const importErrorSchema = z.object({
  row: z.number().int().describe('Строка файла, заголовок — 1'),
  column: z.string().nullable(),
  message: z.string(),
})
export type ImportError = z.infer<typeof importErrorSchema>

export const importColumnSchema = z.object({
  header: z.string(),
  target: targetSchema.describe('Куда идёт столбец: поле клиента, tags, id параметра или skip'),
})
export type ImportColumn = z.infer<typeof importColumnSchema>

export const importTargetSchema = z.object({
  row: z.number().int().describe('Строка файла'),
  clientId: z.string().nullable().describe('Карточка, которую строка обновит; null — будет создана новая'),
  client: z.string().nullable().describe('Её внешний ID или имя'),
})
export type ImportTarget = z.infer<typeof importTargetSchema>

export const importResultSchema = z.object({
  importId: z.string().nullable().describe('null при dryRun'),
  rows: z.number().int().describe('Строк с данными'),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int().describe('Строк с ошибками: не загружены'),
  errors: z.array(importErrorSchema).describe(`Первые ${MAX_IMPORT_ERRORS}`),
  errorCount: z.number().int(),
  columns: z.array(importColumnSchema),
  preview: z.array(z.array(z.string())).describe(`Заголовок и первые ${IMPORT_PREVIEW_ROWS} строк, как прочитаны`),
  targets: z
    .array(importTargetSchema)
    .describe('Для строк из preview: какую карточку каждая обновит (строки с ошибками не названы)'),
})
export type ImportResult = z.infer<typeof importResultSchema>
