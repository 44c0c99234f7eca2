import { z } from 'zod'
import { clientIdParamSchema } from '@shared/common'
import { tagRefSchema } from '@shared/tags'

const optionalText = (max: number) => z.string().trim().max(max).nullish()

export const clientSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  tags: z.array(tagRefSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSessionAt: z.string().nullable(),
})
export type Client = z.infer<typeof clientSchema>

export const clientInputSchema = z.strictObject({
  externalId: optionalText(200),
  name: optionalText(200),
  phone: optionalText(50),
  email: z.union([z.email({ error: 'Некорректный адрес почты' }).max(254), z.literal(''), z.null()]).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
})
export type ClientInput = z.infer<typeof clientInputSchema>

export const clientParamsSchema = z.strictObject({ clientId: clientIdParamSchema })
