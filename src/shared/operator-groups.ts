import { z } from 'zod'
import { idSchema, listOf } from '@shared/common'

const seconds = z
  .number()
  .int()
  .min(0, { error: 'не меньше 0 секунд' })
  .max(7 * 24 * 3600, { error: 'не больше недели' })

/** A group of operators ("Отдел продаж") with TWIN's response-time SLs, in seconds (0: none). */
export const operatorGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()),
  /** Members online now: a transfer to the group goes to the least loaded of them. */
  onlineCount: z.number().int(),
  timerFirstAnswer: z.number().int(),
  timerNextAnswers: z.number().int(),
  createdAt: z.string(),
})
export type OperatorGroup = z.infer<typeof operatorGroupSchema>
export const operatorGroupListSchema = listOf(operatorGroupSchema)

const groupFields = {
  name: z
    .string()
    .trim()
    .min(1, { error: 'Введите название группы' })
    .max(100, { error: 'Название длиннее 100 символов' }),
  memberIds: z.array(idSchema).max(500).default([]),
  timerFirstAnswer: seconds.default(0).describe('SL первого ответа, секунд (0 — без SL)'),
  timerNextAnswers: seconds.default(0).describe('SL следующих ответов, секунд (0 — без SL)'),
}
export const operatorGroupInputSchema = z.strictObject(groupFields)
export type OperatorGroupInput = z.infer<typeof operatorGroupInputSchema>
export const operatorGroupPatchSchema = z.strictObject({
  name: groupFields.name.optional(),
  memberIds: z.array(idSchema).max(500).optional(),
  timerFirstAnswer: seconds.optional(),
  timerNextAnswers: seconds.optional(),
})
export type OperatorGroupPatch = z.infer<typeof operatorGroupPatchSchema>

export const operatorGroupParamsSchema = z.strictObject({ groupId: idSchema.describe('Group Identifier') })
export const groupTransferParamsSchema = z.strictObject({
  sessionId: idSchema.describe('Session Identifier'),
  groupId: idSchema.describe('Group Identifier'),
})
