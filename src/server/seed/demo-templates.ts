import { and, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { attributes, tags } from '../db/schema'
import { createTemplate } from '../modules/templates'

/** Replies a support team starts with: a greeting, one that asks for the city when the card lacks it, and a macro. */
export async function seedDemoTemplates(db: Db, companyId: string, supervisorId: string) {
  const caller = { companyId, userId: supervisorId, role: 'supervisor' as const }
  const [credit] = await db
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.companyId, companyId), eq(tags.name, 'кредит')))
  const [outcome] = await db
    .select({ id: attributes.id })
    .from(attributes)
    .where(and(eq(attributes.companyId, companyId), eq(attributes.name, 'Результат обращения')))
  const base = { personal: false, chatIds: [], groupIds: [] }
  await createTemplate(db, caller, {
    ...base,
    name: 'Приветствие',
    code: '/привет',
    folder: 'Начало диалога',
    body: 'Здравствуйте, {{client.firstName | "добрый день"}}! Меня зовут {{operator.name}}, помогу разобраться.',
  })
  await createTemplate(db, caller, {
    ...base,
    name: 'Доставка',
    code: '/доставка',
    folder: 'Заказы',
    body: '{{client.firstName}}, доставим заказ в {{param.Город}} за 1–2 дня. Курьер позвонит за час до приезда.',
  })
  await createTemplate(db, caller, {
    ...base,
    name: 'Оформить рассрочку',
    code: '/рассрочка',
    folder: 'Заказы',
    body: 'Оформим рассрочку на 6 месяцев без переплаты. Договор пришлём на {{client.email | "вашу почту"}}.',
    actions: {
      clientTagIds: [],
      sessionTagIds: credit ? [credit.id] : [],
      values: outcome ? [{ attributeId: outcome.id, value: 'Решено' }] : [],
    },
  })
}
