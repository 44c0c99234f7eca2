import { z } from 'zod'
import { clientParamsSchema, isPhone, PHONE_PROBLEM, versionSchema, type PhoneRule } from '@shared/clients'
import { idSchema, listOf, listQuerySchema, MAX_LIST_LIMIT, roleSchema, userRefSchema, type Role } from '@shared/common'

export const ATTRIBUTE_TYPES = [
  'text',
  'number',
  'date',
  'boolean',
  'select',
  'multiselect',
  'email',
  'phone',
  'link',
] as const
export const attributeTypeSchema = z.enum(ATTRIBUTE_TYPES, {
  error: `Неизвестный тип параметра: допустимы ${ATTRIBUTE_TYPES.join(', ')}`,
})
export type AttributeType = z.infer<typeof attributeTypeSchema>

export const attributeTypeLabels: Record<AttributeType, string> = {
  text: 'Текст',
  number: 'Число',
  date: 'Дата',
  boolean: 'Да/нет',
  select: 'Список',
  multiselect: 'Несколько из списка',
  email: 'Почта',
  phone: 'Телефон',
  link: 'Ссылка',
}

/** The types whose values are chosen from the attribute's `options`. */
export const hasOptions = (type: AttributeType) => type === 'select' || type === 'multiselect'

const MAX_ATTRIBUTE_NAME = 100
const MAX_ATTRIBUTE_DESCRIPTION = 500
export const MAX_ATTRIBUTE_VALUE = 2000
const MAX_ATTRIBUTE_OPTIONS = 200

/**
 * Who may change a parameter's values: everyone who sees it, supervisors and admins, admins only, or
 * integrations (`api`): a change from the panel then has to be confirmed and is recorded as an override.
 */
export const attributeEditorSchema = z.enum(['all', 'supervisor', 'admin', 'api'])
export type AttributeEditor = z.infer<typeof attributeEditorSchema>
export const editorLabels: Record<AttributeEditor, string> = {
  all: 'все, кто видит',
  supervisor: 'руководители и администраторы',
  admin: 'только администраторы',
  api: 'интеграция (из панели — с подтверждением)',
}
/** Whether this role may change the values of a parameter it sees (`api` ones too, with confirmation from the panel). */
export const canEdit = (editableBy: AttributeEditor, role: Role) =>
  editableBy === 'admin' ? role === 'admin' : editableBy === 'supervisor' ? role !== 'operator' : true

export const attributeSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: attributeTypeSchema,
  options: z.array(z.string()),
  description: z.string().nullable(),
  position: z.number().int(),
  pinned: z.boolean(),
  /** A dialogue is not closed while the client has no value: in any chat, or only in `requiredChatIds`. */
  requiredToClose: z.boolean(),
  requiredChatIds: z.array(z.string()),
  /** Roles that see the parameter (admins always do): for the others it is absent everywhere. */
  visibleTo: z.array(roleSchema),
  editableBy: attributeEditorSchema,
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** (ext) Clients that have a value: the admin page shows it before archiving. */
  usageCount: z.number().int(),
})
export type Attribute = z.infer<typeof attributeSchema>
export const attributeListSchema = listOf(attributeSchema)

const nameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Название не может быть пустым' })
  .max(MAX_ATTRIBUTE_NAME, { error: `Название длиннее ${MAX_ATTRIBUTE_NAME} символов` })

const optionSchema = z
  .string()
  .trim()
  .min(1, { error: 'Вариант не может быть пустым' })
  .max(MAX_ATTRIBUTE_NAME, { error: `Вариант длиннее ${MAX_ATTRIBUTE_NAME} символов` })

const optionsSchema = z
  .array(optionSchema)
  .max(MAX_ATTRIBUTE_OPTIONS, { error: `Не больше ${MAX_ATTRIBUTE_OPTIONS} вариантов` })
  // Case-insensitive, like names: "VIP" and "vip" in one list would confuse the operator who picks.
  .refine((list) => new Set(list.map((o) => o.toLowerCase())).size === list.length, { error: 'Варианты повторяются' })

const descriptionSchema = z
  .string()
  .trim()
  .max(MAX_ATTRIBUTE_DESCRIPTION, { error: `Описание длиннее ${MAX_ATTRIBUTE_DESCRIPTION} символов` })
  .nullable()

export const OPTIONS_REQUIRED = 'Для списка нужен хотя бы один вариант'
export const OPTIONS_NOT_ALLOWED = 'Варианты задаются только для списков'

export const attributeInputSchema = z
  .strictObject({
    name: nameSchema,
    type: attributeTypeSchema.default('text'),
    options: optionsSchema.optional(),
    description: descriptionSchema.optional(),
    pinned: z.boolean().optional(),
    requiredToClose: z
      .boolean()
      .optional()
      .describe('Диалог не закрыть, пока у клиента нет значения (руководитель может закрыть принудительно)'),
    requiredChatIds: z
      .array(idSchema)
      .max(100)
      .optional()
      .describe('Только в диалогах этих каналов (chats); пусто — во всех'),
    visibleTo: z
      .array(roleSchema)
      .max(3)
      .optional()
      .describe('Кто видит: operator, supervisor (admin видит всегда); по умолчанию все'),
    editableBy: attributeEditorSchema
      .optional()
      .describe('Кто меняет значения: all, supervisor (и admin), admin, api (из панели — с подтверждением)'),
  })
  .superRefine((input, ctx) => {
    const count = input.options?.length ?? 0
    if (hasOptions(input.type) && count === 0)
      ctx.addIssue({ code: 'custom', path: ['options'], message: OPTIONS_REQUIRED })
    if (!hasOptions(input.type) && count > 0)
      ctx.addIssue({ code: 'custom', path: ['options'], message: OPTIONS_NOT_ALLOWED })
  })
  .meta({ example: { name: 'Увлечение' } })
export type AttributeInput = z.infer<typeof attributeInputSchema>

const optionRenameSchema = z.strictObject({
  from: z.string().describe('Вариант, как он записан сейчас'),
  to: optionSchema.describe('Новое название варианта'),
})
export type OptionRename = z.infer<typeof optionRenameSchema>

/** The type is fixed once created: existing values were checked against it. */
export const attributePatchSchema = z.strictObject({
  name: nameSchema.optional(),
  /** The whole list in its new order; with `optionRenames`, under the new names. */
  options: optionsSchema.optional(),
  optionRenames: z
    .array(optionRenameSchema)
    .max(MAX_ATTRIBUTE_OPTIONS)
    .optional()
    .describe('Переименования вариантов: записанные значения клиентов переписываются, в истории — источник catalog'),
  description: descriptionSchema.optional(),
  /** The place to move to: the attribute takes this position and the ones in between shift by one. */
  position: z.number().int().min(0).optional(),
  pinned: z.boolean().optional(),
  requiredToClose: z
    .boolean()
    .optional()
    .describe('Диалог не закрыть, пока у клиента нет значения (руководитель может закрыть принудительно)'),
  requiredChatIds: z
    .array(idSchema)
    .max(100)
    .optional()
    .describe('Только в диалогах этих каналов (chats); пусто — во всех'),
  visibleTo: z
    .array(roleSchema)
    .max(3)
    .optional()
    .describe('Кто видит: operator, supervisor (admin видит всегда); по умолчанию все'),
  editableBy: attributeEditorSchema
    .optional()
    .describe('Кто меняет значения: all, supervisor (и admin), admin, api (из панели — с подтверждением)'),
  /** true archives (hidden from cards, values kept), false restores. */
  archived: z.boolean().optional(),
})
export type AttributePatch = z.infer<typeof attributePatchSchema>

/**
 * Both lists answer the whole catalog unless `limit` is given: the card and the admin page need all of
 * it, and a company's catalog is small. `limit`/`offset` are still accepted as on every list.
 */
export const attributeListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})
export type AttributeListQuery = z.infer<typeof attributeListQuerySchema>
export const attributeCatalogQuerySchema = attributeListQuerySchema.extend({
  includeArchived: z.stringbool().optional(),
})

export const attributeParamsSchema = z.strictObject({
  attributeId: idSchema.describe('Attribute Identifier'),
})
export const clientAttributeParamsSchema = clientParamsSchema.extend(attributeParamsSchema.shape)

/**
 * One attribute on a client's card. `id` is the attribute id. (ext) `options`, `description`,
 * `position` and `pinned` come along so the card renders without a second request.
 * `version` is 0 while the client never had a value.
 */
export const clientAttributeSchema = attributeSchema
  .pick({
    id: true,
    name: true,
    type: true,
    options: true,
    description: true,
    position: true,
    pinned: true,
    editableBy: true,
  })
  .extend({
    /** (ext) Whether the caller may change it (`editableBy` for their role). */
    canEdit: z.boolean(),
    value: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: userRefSchema.nullable(),
  })
export type ClientAttribute = z.infer<typeof clientAttributeSchema>
export const clientAttributeListSchema = listOf(clientAttributeSchema)

const VERSION_HELP =
  'Версия, которую видел пишущий; при расхождении ответ 409 с текущим значением. Без неё — последняя запись побеждает.'

export const attributeValueInputSchema = z
  .strictObject({
    // Integrations often send numbers and booleans as JSON literals: they are taken as their text (42 → "42").
    value: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .describe('Значение (строка; число и true/false принимаются как текст); пустая строка или null очищает'),
    version: versionSchema.optional().describe(VERSION_HELP),
    override: z
      .boolean()
      .optional()
      .describe('Из панели: изменить значение, которое ведёт интеграция (editableBy api)'),
  })
  .meta({ example: { value: 'Значение атрибута' } })
export type AttributeValueInput = z.infer<typeof attributeValueInputSchema>

export const attributeClearQuerySchema = z.strictObject({
  version: z.coerce.number().pipe(versionSchema).optional().describe(VERSION_HELP),
})

/**
 * Who made a change: an operator in the panel, an integration, an admin renaming an option in the catalog,
 * a merge of two clients, a CSV import, a bulk edit of the directory, a suggestion from the dialogue accepted,
 * a panel edit of a value an integration owns, confirmed (`override`), or a reply template used (`template`).
 */
export const changeSourceSchema = z.enum([
  'panel',
  'api',
  'catalog',
  'merge',
  'import',
  'bulk',
  'suggestion',
  'override',
  'template',
])
export type ChangeSource = z.infer<typeof changeSourceSchema>

const attributeHistoryItemSchema = z.object({
  id: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  changedAt: z.string(),
  changedBy: userRefSchema.nullable(),
  source: changeSourceSchema,
})
export const attributeHistorySchema = listOf(attributeHistoryItemSchema)
export const attributeHistoryQuerySchema = listQuerySchema

/** The header the panel sends so history can tell its edits from integrations'. */
export const CLIENT_HEADER = 'x-kartoteka-client'

// ---------------------------------------------------------------------------------------------
// Value check: the one place that decides what a value of each type may be. The server refuses
// what it rejects; the panel runs it before saving so the operator sees the same message at once.

type AttributeValueCheck = { ok: true; value: string | null } | { ok: false; error: string }

const fail = (error: string): AttributeValueCheck => ({ ok: false, error })
const pass = (value: string): AttributeValueCheck => ({ ok: true, value })

// Digits may be grouped by spaces the way Russian text writes thousands: "1 250 000,50".
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** 15.04.1988, 5.4.1988, 15/04/1988, 15-04-1988: day first, as people in Russia write it. */
const RU_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/
/** 15041988: the same, typed without separators. */
const RU_DIGITS = /^(\d{2})(\d{2})(\d{4})$/
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i

function checkNumber(v: string) {
  if (!NUMBER.test(v) && !GROUPED_NUMBER.test(v)) return fail('Ожидается число, например 42 или 3,14')
  // Stored with a dot and without grouping so integrations can parse it as is.
  return pass(
    v
      .replace(/[ \u00a0\u202f]/g, '')
      .replace(',', '.')
      .replace(/^\+/, ''),
  )
}

const realDate = (y: string, m: string, d: string) => {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  // Date.UTC rolls 2024-02-30 over to March 1st: a real date survives the round trip.
  return Number(y) >= 1 && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d)
}

/**
 * A date as ГГГГ-ММ-ДД (an integration's form) or day first, ДД.ММ.ГГГГ (a person's, with or without
 * separators), stored as ГГГГ-ММ-ДД. A problem is told in the form the date was typed in.
 */
function checkDate(v: string) {
  const iso = ISO_DATE.exec(v)
  if (iso) return realDate(iso[1]!, iso[2]!, iso[3]!) ? pass(v) : fail(`Такой даты нет в календаре: ${v}`)
  const ru = RU_DATE.exec(v) ?? RU_DIGITS.exec(v)
  if (!ru) return fail('Ожидается дата ДД.ММ.ГГГГ, например 29.02.2024 (или ГГГГ-ММ-ДД)')
  const [d, m, y] = [ru[1]!.padStart(2, '0'), ru[2]!.padStart(2, '0'), ru[3]!]
  return realDate(y, m, d) ? pass(`${y}-${m}-${d}`) : fail(`Такой даты нет в календаре: ${d}.${m}.${y}`)
}

const YES = ['true', 'да', '1', 'yes']
const NO = ['false', 'нет', '0', 'no']

function checkBoolean(v: string) {
  const lower = v.toLowerCase()
  if (YES.includes(lower)) return pass('true')
  return NO.includes(lower) ? pass('false') : fail('Ожидается да или нет (true или false)')
}

/** The option as the catalog spells it; case does not matter to whoever types it. */
const findOption = (options: readonly string[], v: string) =>
  options.find((o) => o === v) ?? options.find((o) => o.toLowerCase() === v.toLowerCase())

function checkSelect(v: string, options: readonly string[]) {
  const exact = findOption(options, v)
  return exact !== undefined ? pass(exact) : fail(chooseFrom(options, 'Выберите один из вариантов'))
}

function chooseFrom(options: readonly string[], lead: string) {
  const shown = options.length > 10 ? `${options.slice(0, 10).join(', ')}, …` : options.join(', ')
  return options.length ? `${lead}: ${shown}` : 'У параметра нет вариантов для выбора'
}

/** A multi-select value as stored: a JSON array of option names (`["Спорт","Музыка"]`). */
export function multiValues(value: string | null): string[] {
  if (value === null) return []
  try {
    const list: unknown = JSON.parse(value)
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [value]
  } catch {
    return [value]
  }
}

/**
 * Takes a JSON array or a comma-separated list ("Спорт, музыка"); stores the chosen options in the
 * catalog's order, each once, as a JSON array. No choice at all clears the value.
 */
function checkMultiSelect(v: string, options: readonly string[]): AttributeValueCheck {
  const picked = v.startsWith('[') ? parseList(v) : v.split(',')
  if (!picked) return fail('Ожидается список вариантов, например ["Спорт","Музыка"]')
  const chosen = new Set<string>()
  for (const raw of picked.map((p) => p.trim()).filter(Boolean)) {
    const option = findOption(options, raw)
    if (option === undefined) return fail(chooseFrom(options, `Нет варианта «${raw}», есть`))
    chosen.add(option)
  }
  return chosen.size ? pass(JSON.stringify(options.filter((o) => chosen.has(o)))) : { ok: true, value: null }
}

function parseList(v: string) {
  try {
    const list: unknown = JSON.parse(v)
    return Array.isArray(list) && list.every((x) => typeof x === 'string') ? list : null
  } catch {
    return null
  }
}

function checkEmail(v: string) {
  return v.length <= 254 && z.email().safeParse(v).success
    ? pass(v)
    : fail('Некорректный адрес почты, например ivan@example.ru')
}

/**
 * What a phone may look like before the number plans are at hand: digits, +, spaces, dashes, brackets
 * and an extension. The service checks it by its country's plan and stores it in E.164 (the `phone`
 * argument, shared/phones.ts); the panel, which loads the plans later, leaves that answer to the service.
 */
const phoneShape: PhoneRule = (v) => (isPhone(v) ? { ok: true, value: v } : { ok: false, error: PHONE_PROBLEM })

function checkLink(v: string) {
  const bad = fail('Ожидается ссылка http:// или https://, например https://example.ru')
  // "example.ru" is what people type: take it as https. Any other scheme (javascript:, ftp:) is refused.
  const withScheme = HAS_SCHEME.test(v) ? v : v.includes('.') ? `https://${v}` : null
  if (!withScheme || /\s/.test(withScheme)) return bad
  try {
    const url = new URL(withScheme)
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return bad
  } catch {
    return bad
  }
  // Kept as typed, not url.href: that would punycode "пример.рф" and add slashes the operator never wrote.
  return pass(withScheme)
}

/**
 * Checks and normalises a value for an attribute of this type. `null`, `""` and blanks clear the value
 * (`{ ok: true, value: null }`); errors are Russian sentences ready to show next to the field.
 */
export function checkAttributeValue(
  type: AttributeType,
  options: readonly string[],
  raw: string | null | undefined,
  phone: PhoneRule = phoneShape,
): AttributeValueCheck {
  const v = raw?.trim() ?? ''
  if (v === '') return { ok: true, value: null }
  if (v.length > MAX_ATTRIBUTE_VALUE) return fail(`Значение длиннее ${MAX_ATTRIBUTE_VALUE} символов`)
  switch (type) {
    case 'number':
      return checkNumber(v)
    case 'date':
      return checkDate(v)
    case 'boolean':
      return checkBoolean(v)
    case 'select':
      return checkSelect(v, options)
    case 'multiselect':
      return checkMultiSelect(v, options)
    case 'email':
      return checkEmail(v)
    case 'phone':
      return phone(v)
    case 'link':
      return checkLink(v)
    case 'text':
      return pass(v)
  }
}

/** Where a change came from, as a history line names it. */
export const sourceLabels: Record<ChangeSource, string> = {
  panel: 'панель',
  api: 'API',
  catalog: 'каталог',
  merge: 'объединение',
  import: 'импорт',
  bulk: 'массовое изменение',
  suggestion: 'подсказка из диалога',
  override: 'панель вместо интеграции',
  template: 'шаблон',
}
