import { z } from 'zod'
import { clientIdParamSchema, idSchema, listOf } from '@shared/common'
import { tagRefSchema } from '@shared/tags'

const optionalText = (max: number) => z.string().trim().max(max).nullish()

/**
 * The shape of a phone: digits, +, spaces, dashes and brackets, 5 to 15 digits, never letters. Whether
 * it is a real number is for its country's plan (shared/phones.ts), which the service applies.
 */
const PHONE_CHARS = /^\+?[\d\s()-]+$/
export const PHONE_PROBLEM =
  'Некорректный телефон: ожидается номер вроде +7 916 123-45-67 или 8 (916) 123-45-67, можно с «доб. 123»'
/** A phone checked and stored (E.164), or why it is not one; `PhoneRule` is a company's way of checking (shared/phones.ts). */
export type PhoneCheck = { ok: true; value: string } | { ok: false; error: string }
export type PhoneRule = (raw: string) => PhoneCheck

export function isPhone(raw: string) {
  const v = raw.trim().replace(/\s*(доб|ext|x)\.?\s*\d{1,6}$/i, '')
  const digits = v.replace(/\D/g, '').length
  return PHONE_CHARS.test(v) && digits >= 5 && digits <= 15
}

/** The client's own fields the card edits, with their history (kind `field`). */
export const CLIENT_FIELDS = ['name', 'phone', 'email'] as const
export const clientFieldSchema = z.enum(CLIENT_FIELDS)
export type ClientField = z.infer<typeof clientFieldSchema>
export const clientFieldLabels: Record<ClientField, string> = { name: 'Имя', phone: 'Телефон', email: 'Эл. почта' }

export const clientSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  tags: z.array(tagRefSchema),
  /** (ext) Counts changes of the fields above: PATCH with it (or If-Match) refuses a stale edit with 409. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSessionAt: z.string().nullable(),
  /** (ext) Processing blocked while a person's request is checked: the card is read-only. In the client's own answers. */
  blockedAt: z.string().nullable().optional(),
  blockedReason: z.string().nullable().optional(),
  /** (ext) The personal data was destroyed: an anonymous stub. In the client's own answers. */
  erasedAt: z.string().nullable().optional(),
})
export type Client = z.infer<typeof clientSchema>

export const clientInputSchema = z.strictObject({
  externalId: optionalText(200),
  name: optionalText(200),
  phone: optionalText(50).refine((v) => !v || isPhone(v), { error: PHONE_PROBLEM }),
  email: z.union([z.email({ error: 'Некорректный адрес почты' }).max(254), z.literal(''), z.null()]).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
})
export type ClientInput = z.infer<typeof clientInputSchema>

/** A database integer: a larger version is no version any row has, and a 400 rather than a failed query. */
export const MAX_VERSION = 2_147_483_647
export const versionSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_VERSION, { error: `Не больше ${MAX_VERSION}` })

export const clientPatchSchema = clientInputSchema.extend({
  version: versionSchema
    .optional()
    .describe(
      'Версия клиента, которую видел пишущий (или заголовок If-Match); при расхождении — 409 с текущим клиентом. Без неё — последняя запись побеждает.',
    ),
})
export type ClientPatch = z.infer<typeof clientPatchSchema>

export const clientParamsSchema = z.strictObject({ clientId: clientIdParamSchema })

/** Why clients look like one person: the same phone (its last 10 digits), e-mail (any case) or, on top, name. */
export const duplicateReasonSchema = z.enum(['phone', 'email', 'name'])
export type DuplicateReason = z.infer<typeof duplicateReasonSchema>
export const duplicateGroupSchema = z.object({
  reasons: z.array(duplicateReasonSchema),
  /** Oldest first: the first is the natural one to keep. */
  clients: z.array(clientSchema),
})
export type DuplicateGroup = z.infer<typeof duplicateGroupSchema>
export const duplicateListSchema = listOf(duplicateGroupSchema)

/** Days within which a merge can be undone. */
export const MERGE_UNDO_DAYS = 30
export const mergeInputSchema = z.strictObject({
  sourceId: clientIdParamSchema.describe('Клиент, который вливается в этого и затем исчезает (id или externalId)'),
  prefer: z
    .record(z.union([z.enum(CLIENT_FIELDS), idSchema]), z.literal('source'))
    .optional()
    .describe(
      'Где оба заполнены, остаётся значение этого клиента; `{ "phone": "source", "<attributeId>": "source" }` берёт значение вливаемого',
    ),
})
export type MergeInput = z.infer<typeof mergeInputSchema>
export const mergeResultSchema = z.object({ mergeId: z.string(), client: clientSchema })
export const mergeParamsSchema = z.object({ mergeId: idSchema })
export const mergeUndoResultSchema = z.object({ client: clientSchema, source: clientSchema })
