import { z } from 'zod'
import { phoneCountrySchema } from '@shared/phones'

/** An IANA time zone the runtime knows (`Europe/Moscow`, `Asia/Yekaterinburg`). */
const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('ru', { timeZone: zone })
        return true
      } catch {
        return false
      }
    },
    { error: 'Неизвестный часовой пояс: ожидается имя вроде Europe/Moscow' },
  )

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  phoneCountry: z.string().describe('Страна номеров без кода страны (ISO 3166); телефоны хранятся в E.164'),
  operatorsExport: z.boolean().describe('Могут ли операторы выгружать клиентов в CSV'),
})
export type Company = z.infer<typeof companySchema>

export const companyPatchSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'Введите название компании' }).max(200).optional(),
  timeZone: timeZoneSchema.optional().describe('Часовой пояс компании (IANA), в нём CSV-экспорт пишет время'),
  phoneCountry: phoneCountrySchema.optional(),
  operatorsExport: z.boolean().optional().describe('Разрешить операторам выгрузку клиентов в CSV (по умолчанию нет)'),
})
export type CompanyPatch = z.infer<typeof companyPatchSchema>
