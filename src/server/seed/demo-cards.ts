import type { AttributeType } from '@shared/attributes'
import type { Db } from '../db/client'
import {
  attributeHistory,
  attributes,
  attributeValues,
  clientTagHistory,
  clientTags,
  sessionTags,
  tags,
} from '../db/schema'

type DemoAttribute = {
  name: string
  type: AttributeType
  options?: string[]
  pinned?: boolean
  description?: string
  requiredToClose?: boolean
}

const CITIES = [
  'Москва',
  'Санкт-Петербург',
  'Казань',
  'Екатеринбург',
  'Новосибирск',
  'Нижний Новгород',
  'Самара',
  'Краснодар',
]
const PLANS = ['Базовый', 'Стандарт', 'Премиум']
const INTERESTS = ['Ноутбуки', 'Смартфоны', 'Бытовая техника', 'Игры', 'Фототехника', 'Умный дом']
const COMMENTS = [
  'Предпочитает связь в мессенджере',
  'Просил не звонить после 20:00',
  'Покупает для компании, нужны закрывающие документы',
  'Интересуется рассрочкой',
  'Был недоволен доставкой, вежливо',
  'Постоянный покупатель с 2019 года',
]

/** The catalog an operator would recognise on the first start. */
const DEMO_ATTRIBUTES: DemoAttribute[] = [
  { name: 'ФИО', type: 'text', pinned: true, description: 'Как клиент представился полностью' },
  { name: 'Дата рождения', type: 'date', pinned: true },
  { name: 'Город', type: 'select', options: CITIES, pinned: true },
  { name: 'Тариф', type: 'select', options: PLANS },
  { name: 'Возраст', type: 'number' },
  { name: 'Согласие на рассылку', type: 'boolean' },
  { name: 'Интересы', type: 'multiselect', options: INTERESTS },
  { name: 'Профиль ВКонтакте', type: 'link' },
  { name: 'Комментарий', type: 'text' },
  // Asked for when an operator closes a dialogue: the demo shows the close dialog's editor.
  {
    name: 'Результат обращения',
    type: 'select',
    options: ['Решено', 'Не решено', 'Перезвонить'],
    requiredToClose: true,
  },
]
const CLIENT_TAGS = [
  ['ВИП-клиент', 'violet'],
  ['Часто обращается', 'blue'],
  ['Конфликтный', 'red'],
] as const
const SESSION_TAGS = [
  ['предоплата', 'green'],
  ['кредит', 'amber'],
  ['возврат', 'orange'],
  ['жалоба', 'red'],
] as const

const DAY = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')

/** What client `i` (of the demo list) has on its card; `name` fills ФИО. Nothing random: the demo is the same every time. */
function cardOf(i: number, name: string | null): (string | null)[] {
  const year = 1965 + ((i * 7) % 40)
  return [
    name,
    `${year}-${pad(1 + ((i * 5) % 12))}-${pad(1 + ((i * 11) % 28))}`,
    CITIES[i % CITIES.length]!,
    PLANS[(i * 3) % PLANS.length]!,
    String(2026 - year),
    i % 4 === 0 ? 'false' : 'true',
    // Stored as a multi-select stores it: a JSON array in the catalog's order.
    i % 2
      ? JSON.stringify(INTERESTS.filter((_, k) => k === i % INTERESTS.length || k === (i + 2) % INTERESTS.length))
      : null,
    i % 3 === 0 ? `https://vk.com/id${100000 + i * 7919}` : null,
    i % 5 === 0 ? COMMENTS[i % COMMENTS.length]! : null,
    null,
  ]
}

/**
 * The catalog, and cards that look a month old: about two thirds of the clients filled in and tagged by
 * both operators over the last 30 days, with the history that says so, and tags on some dialogues.
 */
export async function seedDemoCards({
  db,
  companyId,
  clientRows,
  sessionIds,
  operators,
}: {
  db: Db
  companyId: string
  clientRows: { id: string; name: string | null }[]
  sessionIds: string[]
  operators: { id: string }[]
}) {
  const catalog = await db
    .insert(attributes)
    .values(
      DEMO_ATTRIBUTES.map((a, position) => ({
        companyId,
        name: a.name,
        type: a.type,
        options: a.options ?? [],
        pinned: a.pinned ?? false,
        description: a.description,
        position,
        requiredToClose: a.requiredToClose ?? false,
      })),
    )
    .returning({ id: attributes.id })
  const [clientTagRows, sessionTagRows] = await Promise.all(
    [CLIENT_TAGS, SESSION_TAGS].map((list, k) =>
      db
        .insert(tags)
        .values(
          list.map(([name, color]) => ({
            companyId,
            kind: k === 0 ? ('client' as const) : ('session' as const),
            name,
            color,
          })),
        )
        .returning({ id: tags.id }),
    ),
  )

  const now = Date.now()
  const values: (typeof attributeValues.$inferInsert)[] = []
  const history: (typeof attributeHistory.$inferInsert)[] = []
  const tagged: (typeof clientTags.$inferInsert)[] = []
  const tagHistory: (typeof clientTagHistory.$inferInsert)[] = []
  for (const [i, client] of clientRows.entries()) {
    if (i % 3 === 2) continue
    const by = operators[i % operators.length]!.id
    cardOf(i, client.name).forEach((value, k) => {
      if (value === null) return
      const at = new Date(now - ((i * 17 + k * 5) % 30) * DAY - k * 3_600_000)
      values.push({ clientId: client.id, attributeId: catalog[k]!.id, companyId, value, updatedAt: at, updatedBy: by })
      history.push({
        companyId,
        clientId: client.id,
        attributeId: catalog[k]!.id,
        oldValue: null,
        newValue: value,
        changedAt: at,
        changedBy: by,
        source: 'panel',
      })
    })
    const tag = clientTagRows![i % 5 === 0 ? 0 : i % 5 === 1 ? 1 : i % 7 === 3 ? 2 : 9]
    if (tag) {
      const at = new Date(now - ((i * 13) % 30) * DAY)
      tagged.push({ clientId: client.id, tagId: tag.id, addedBy: by, addedAt: at })
      tagHistory.push({
        companyId,
        clientId: client.id,
        tagId: tag.id,
        action: 'added',
        changedAt: at,
        changedBy: by,
        source: 'panel',
      })
    }
  }
  await db.insert(attributeValues).values(values)
  await db.insert(attributeHistory).values(history)
  if (tagged.length) {
    await db.insert(clientTags).values(tagged)
    await db.insert(clientTagHistory).values(tagHistory)
  }
  const onSessions = sessionIds.flatMap((sessionId, s) =>
    s % 3 === 0 ? [{ sessionId, tagId: sessionTagRows![s % SESSION_TAGS.length]!.id }] : [],
  )
  if (onSessions.length) await db.insert(sessionTags).values(onSessions)
}
