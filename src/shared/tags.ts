import { z } from 'zod'
import { clientIdParamSchema, idSchema, listOf, userRefSchema } from '@shared/common'

/** The fixed palette the panel draws chips from; labels are what the colour picker shows. */
export const TAG_COLORS = [
  'gray',
  'red',
  'orange',
  'amber',
  'green',
  'teal',
  'blue',
  'indigo',
  'violet',
  'pink',
] as const
const tagColorSchema = z.enum(TAG_COLORS, { error: `Цвет должен быть одним из: ${TAG_COLORS.join(', ')}` })
export type TagColor = z.infer<typeof tagColorSchema>
export const TAG_COLOR_LABELS: Record<TagColor, string> = {
  gray: 'Серый',
  red: 'Красный',
  orange: 'Оранжевый',
  amber: 'Янтарный',
  green: 'Зелёный',
  teal: 'Бирюзовый',
  blue: 'Синий',
  indigo: 'Индиго',
  violet: 'Фиолетовый',
  pink: 'Розовый',
}

const MAX_TAG_NAME_LENGTH = 100
const MAX_TAG_DESCRIPTION_LENGTH = 500

const tagNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Введите название тега' })
  .max(MAX_TAG_NAME_LENGTH, { error: `Название тега длиннее ${MAX_TAG_NAME_LENGTH} символов` })

/** `null` or `""` clears the description. */
const tagDescriptionSchema = z
  .string()
  .trim()
  .max(MAX_TAG_DESCRIPTION_LENGTH, { error: `Описание длиннее ${MAX_TAG_DESCRIPTION_LENGTH} символов` })
  .nullish()

export const tagSchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string(),
  description: z.string().nullable(),
  /** (ext) The group it belongs to (tag-groups), or none. */
  groupId: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  usageCount: z.number().int(),
})
export type Tag = z.infer<typeof tagSchema>
export const tagListSchema = listOf(tagSchema)

/** A tag as it sits on a client or a session (the catalog row is fetched separately). */
export const tagRefSchema = z.object({ id: z.string(), name: z.string(), color: z.string() })
export type TagRef = z.infer<typeof tagRefSchema>

/** A tag on one client or session, with who put it there and when. */
const assignedTagSchema = tagSchema.extend({
  addedAt: z.string(),
  addedBy: userRefSchema.nullable(),
})
export type AssignedTag = z.infer<typeof assignedTagSchema>
export const assignedTagListSchema = listOf(assignedTagSchema)

/**
 * TWIN's body field is `tag` (`{"tag": "ВИП-клиент"}`); `name` is accepted as well, so the same form
 * works for create and rename, and so is the query parameter `?tag=` with no body at all (TWIN's
 * walkthrough). Exactly one name: the route checks that across body and query.
 */
export const tagCreateInputSchema = z
  .strictObject({
    tag: tagNameSchema.optional(),
    name: tagNameSchema.optional(),
    color: tagColorSchema.optional(),
    description: tagDescriptionSchema,
    groupId: idSchema.nullish().describe('Группа тегов этого каталога'),
  })
  .meta({ example: { tag: 'ВИП-клиент' } })
export const tagCreateQuerySchema = z.strictObject({
  tag: tagNameSchema.optional().describe('Название тега, если его нет в теле запроса'),
})
export type TagCreateInput = z.infer<typeof tagCreateInputSchema>

export const tagPatchInputSchema = z.strictObject({
  name: tagNameSchema.optional(),
  color: tagColorSchema.optional(),
  description: tagDescriptionSchema,
  groupId: idSchema.nullish().describe('Группа тегов этого каталога; null — без группы'),
  /** `true` archives (hidden from pickers, kept where it is), `false` restores. */
  archived: z.boolean().optional(),
})
export type TagPatchInput = z.infer<typeof tagPatchInputSchema>

export const tagCatalogQuerySchema = z.strictObject({
  includeArchived: z.stringbool().optional().describe('Показать и архивные теги'),
})

const tagIdSchema = idSchema.describe('Tag Identifier')
export const tagParamsSchema = z.strictObject({ tagId: tagIdSchema })
export const clientTagParamsSchema = z.strictObject({ clientId: clientIdParamSchema, tagId: tagIdSchema })
export const sessionTagParamsSchema = z.strictObject({
  sessionId: idSchema.describe('Session Identifier'),
  tagId: tagIdSchema,
})

/** The dialogue the operator is in when changing a client tag: the system line is written there. */
export const clientTagWriteQuerySchema = z.strictObject({
  sessionId: idSchema.describe('Session Identifier: диалог, в который написать системную строку').optional(),
})

/** A group of tags of one catalog: single-choice (one of them at a time), and for sessions maybe required to close. */
export const tagGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  single: z.boolean().describe('Один тег из группы: новый снимает прежний'),
  requiredToClose: z.boolean().describe('Диалог не закрыть без тега из группы (только для тегов сессий)'),
  createdAt: z.string(),
})
export type TagGroup = z.infer<typeof tagGroupSchema>
export const tagGroupListSchema = z.object({ items: z.array(tagGroupSchema) })
export const tagGroupInputSchema = z.strictObject({
  name: tagNameSchema,
  single: z.boolean().optional(),
  requiredToClose: z.boolean().optional(),
})
export const tagGroupPatchSchema = tagGroupInputSchema.partial()
export type TagGroupInput = z.infer<typeof tagGroupPatchSchema>
export const tagGroupParamsSchema = z.strictObject({ groupId: idSchema })
