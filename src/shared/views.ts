import { z } from 'zod'
import { MAX_DIRECTORY_COUNT } from '@shared/client-directory'
import { idSchema, userRefSchema } from '@shared/common'

// Saved views of the client directory: a name for an address of the "Клиенты" page.

export const MAX_VIEW_QUERY = 4000
/** Shared views a company keeps: everyone's navigation lists them all. */
export const MAX_SHARED_VIEWS = 200

export const viewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The directory's address after `?`: `q`, `tagId`, `attr.<id>…`, `sort`, `order`, `cols`. */
  query: z.string(),
  shared: z.boolean().describe('Видят все в компании; иначе — только автор'),
  owner: userRefSchema.nullable(),
  /** Clients the view shows now; null when it cannot be counted (`problem` says why). */
  count: z.number().int().nullable(),
  countCapped: z
    .literal(true)
    .optional()
    .describe(
      `Клиентов больше ${MAX_DIRECTORY_COUNT.toLocaleString('ru')}: \`count\` — ${MAX_DIRECTORY_COUNT.toLocaleString('ru')}`,
    ),
  /** What a reader should know: a parameter of the filter is archived, or is gone. */
  problem: z.string().nullable(),
  /** false: not counted since the cards last changed; GET /views/{viewId}/count gives its count. */
  counted: z.boolean(),
  createdAt: z.string(),
})
export type SavedView = z.infer<typeof viewSchema>
export const viewListSchema = z.object({ items: z.array(viewSchema) })
export const viewCountSchema = viewSchema.pick({ count: true, countCapped: true, problem: true })
export type ViewCount = z.infer<typeof viewCountSchema>

const nameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Введите название вида' })
  .max(100, { error: 'Название длиннее 100 символов' })
const querySchema = z
  .string()
  .trim()
  .max(MAX_VIEW_QUERY, { error: `Адрес вида длиннее ${MAX_VIEW_QUERY} символов` })
  .transform((q) => q.replace(/^\?/, ''))
  .describe('Адрес страницы «Клиенты» после «?», например `q=Иванов&tagId=…&sort=name`')

export const viewInputSchema = z.strictObject({ name: nameSchema, query: querySchema, shared: z.boolean().optional() })
export type ViewInput = z.infer<typeof viewInputSchema>
export const viewPatchSchema = z.strictObject({
  name: nameSchema.optional(),
  query: querySchema.optional(),
  shared: z.boolean().optional(),
})
export const viewParamsSchema = z.strictObject({ viewId: idSchema })
