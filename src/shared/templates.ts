import { z } from 'zod'
import { idSchema } from '@shared/common'

/** Reply templates: saved answers with the card's values in them, and macros that change the card as they answer. */

export const MAX_TEMPLATE_LENGTH = 4000
export const MAX_TEMPLATES = 2000

/**
 * `{{client.name}}`, `{{param.Город | "вашем городе"}}`: a variable, and what stands in for an empty value.
 * Stored templates name parameters by id (`{{param.#<id>}}`), so a renamed parameter keeps working; the API
 * reads and writes them by name.
 */
export const VARIABLE = /\{\{\s*([^{}|]+?)\s*(?:\|\s*"([^"{}]*)"\s*)?\}\}/g
export const FIXED_VARIABLES = {
  'client.name': 'Имя клиента полностью',
  'client.firstName': 'Имя клиента',
  'client.phone': 'Телефон клиента',
  'client.email': 'E-mail клиента',
  'operator.name': 'Ваше имя',
  'company.name': 'Название компании',
} as const
export type FixedVariable = keyof typeof FIXED_VARIABLES

const tagIds = z.array(idSchema).max(20, { error: 'Не больше 20 тегов' })

/** What a macro changes when it is used: tags on, parameters set. */
export const templateActionsInputSchema = z.strictObject({
  clientTagIds: tagIds.default([]).describe('Теги клиента, которые ставит шаблон'),
  sessionTagIds: tagIds.default([]).describe('Теги диалога, которые ставит шаблон'),
  values: z
    .array(z.strictObject({ attributeId: idSchema, value: z.string().trim().min(1).max(1000) }))
    .max(20, { error: 'Не больше 20 параметров' })
    .default([])
    .describe('Параметры, которые шаблон заполняет'),
})

const codeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\/[\p{L}\p{N}_-]{1,40}$/u, { error: 'Код: «/», затем буквы, цифры, «-» или «_», до 40 знаков' })

const templateFields = {
  name: z.string().trim().min(1, { error: 'Введите название' }).max(100, { error: 'Название длиннее 100 символов' }),
  code: codeSchema.describe('Короткий код для поиска в ответе: /доставка'),
  body: z
    .string()
    .trim()
    .min(1, { error: 'Введите текст' })
    .max(MAX_TEMPLATE_LENGTH, { error: `Текст длиннее ${MAX_TEMPLATE_LENGTH} символов` })
    .describe('Текст с переменными: {{client.firstName}}, {{param.Город | "вашем городе"}}'),
  folder: z.string().trim().max(60).nullish().describe('Папка в списке'),
  chatIds: z.array(idSchema).max(50).default([]).describe('Только в этих каналах; пусто — во всех'),
  groupIds: z.array(idSchema).max(50).default([]).describe('Только этим группам операторов; пусто — всем'),
  actions: templateActionsInputSchema.optional(),
}

export const templateInputSchema = z.strictObject({
  ...templateFields,
  personal: z
    .boolean()
    .default(false)
    .describe('Личный шаблон (виден только автору); общие ведут руководители и администраторы'),
})
export type TemplateInput = z.infer<typeof templateInputSchema>

export const templatePatchSchema = z
  .strictObject({
    name: templateFields.name.optional(),
    code: codeSchema.optional(),
    body: templateFields.body.optional(),
    folder: templateFields.folder,
    chatIds: z.array(idSchema).max(50).optional(),
    groupIds: z.array(idSchema).max(50).optional(),
    actions: templateActionsInputSchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: 'Нечего менять' })
export type TemplatePatch = z.infer<typeof templatePatchSchema>

const named = z.object({ id: z.string(), name: z.string() })

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  body: z.string(),
  folder: z.string().nullable(),
  personal: z.boolean(),
  chatIds: z.array(z.string()),
  groupIds: z.array(z.string()),
  actions: z.object({
    clientTags: z.array(named),
    sessionTags: z.array(named),
    values: z.array(z.object({ attributeId: z.string(), name: z.string(), value: z.string() })),
  }),
  /** How often it was used, and by the caller. */
  usage: z.number().int(),
  myUsage: z.number().int(),
  /** What is wrong with it now: a parameter archived since it was saved, say. */
  problems: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Template = z.infer<typeof templateSchema>
export const templateListSchema = z.object({ items: z.array(templateSchema) })

export const templateListQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Поиск по названию, коду и тексту'),
  sessionId: idSchema.optional().describe('Только те, что можно использовать в этом диалоге'),
  sort: z.enum(['name', '-usage']).default('-usage'),
})
export type TemplateListQuery = z.infer<typeof templateListQuerySchema>

export const templateParamsSchema = z.object({ templateId: idSchema })
export const templateUseParamsSchema = z.object({ sessionId: idSchema, templateId: idSchema })

/** A parameter the text needs that the card has empty (and no fallback): the editor asks for it there and then. */
export const missingValueSchema = z.object({
  attributeId: z.string(),
  name: z.string(),
  type: z.string(),
  options: z.array(z.string()),
  /** Whether the operator may fill it (else the gap stays for them to fill by hand). */
  editable: z.boolean(),
})
export type MissingValue = z.infer<typeof missingValueSchema>

/** A change of the macro: what it will do (render) or did (use); `skipped` says why not. */
export const macroStepSchema = z.object({
  label: z.string(),
  skipped: z.string().nullable(),
})
export type MacroStep = z.infer<typeof macroStepSchema>

export const renderedSchema = z.object({
  text: z.string(),
  missing: z.array(missingValueSchema),
  steps: z.array(macroStepSchema),
})
export type Rendered = z.infer<typeof renderedSchema>

export const templateUseInputSchema = z
  .strictObject({
    values: z
      .array(z.strictObject({ attributeId: idSchema, value: z.string().max(1000) }))
      .max(50)
      .default([])
      .describe('Пустые параметры, заполненные перед вставкой: пишутся в карточку (источник «шаблон»)'),
  })
  .default({ values: [] })
export type TemplateUseInput = z.infer<typeof templateUseInputSchema>

export const templateUsageSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      code: z.string(),
      usage: z.number().int(),
      lastUsedAt: z.string().nullable(),
      byOperator: z.array(z.object({ userId: z.string(), name: z.string(), count: z.number().int() })),
    }),
  ),
})

/** The editor's live preview: the text as written, for a client picked to try it on. */
export const templatePreviewInputSchema = z.strictObject({
  body: templateFields.body,
  clientId: z.string().trim().min(1).max(200).describe('ID клиента или его внешний ID'),
})
