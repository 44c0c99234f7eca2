import { count, sql } from 'drizzle-orm'
import type { AuthorType } from '@shared/messages'
import type { Db } from '../db/client'
import { chats, clients, companies, messages, sessions } from '../db/schema'
import { createCompany, createUser } from '../modules/accounts'
import { seedDemoCards } from './demo-cards'
import { seedDemoTemplates } from './demo-templates'
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, PATRONYMICS_F, PATRONYMICS_M, THREADS } from './demo-data'

export const DEMO_PASSWORD = 'demo1234'
export const DEMO_USERS = [
  { email: 'admin@demo.test', name: 'Анна Администратор', role: 'admin' },
  { email: 'supervisor@demo.test', name: 'Светлана Руководитель', role: 'supervisor' },
  { email: 'operator@demo.test', name: 'Иван Оператор', role: 'operator' },
  { email: 'operator2@demo.test', name: 'Мария Оператор', role: 'operator' },
  { email: 'admin@other.test', name: 'Олег Администратор', role: 'admin' },
] as const

const translit: Record<string, string> = Object.fromEntries(
  'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:h ц:ts ч:ch ш:sh щ:sch ъ: ы:y ь: э:e ю:yu я:ya'
    .split(' ')
    .map((p) => p.split(':') as [string, string]),
)
const latin = (s: string) => [...s.toLowerCase()].map((c) => translit[c] ?? c).join('')

function person(i: number) {
  const female = i % 2 === 1
  const first = (female ? FIRST_NAMES_F : FIRST_NAMES_M)[i % 15]!
  const last = LAST_NAMES[(i * 7) % LAST_NAMES.length]! + (female ? 'а' : '')
  const patronymic = (female ? PATRONYMICS_F : PATRONYMICS_M)[(i * 5) % 6]!
  return {
    name: `${last} ${first} ${patronymic}`,
    phone: `+7 9${String(10 + ((i * 37) % 90))} ${String(100 + ((i * 271) % 900))}-${String(10 + ((i * 13) % 90))}-${String(10 + ((i * 29) % 90))}`,
    email: `${latin(first)}.${latin(last)}${i}@example.ru`,
  }
}

/** Loads the demo companies once: does nothing when any company exists. Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [{ n }] = (await db.select({ n: count() }).from(companies)) as [{ n: number }]
  if (n > 0) return false
  await seedDemo(db)
  return true
}

export async function seedDemo(db: Db) {
  const demo = await createCompany(db, 'Демо')
  const other = await createCompany(db, 'Другая компания')
  const users = await Promise.all(
    DEMO_USERS.map((u) =>
      createUser(db, {
        ...u,
        companyId: u.email.endsWith('@other.test') ? other.id : demo.id,
        password: DEMO_PASSWORD,
      }),
    ),
  )
  const operators = users.filter((u) => u.role === 'operator')

  const seeded = await seedCompany({ db, companyId: demo.id, clientCount: 30, sessionCount: 40, operators })
  await seedDemoCards({
    db,
    companyId: demo.id,
    clientRows: seeded.clientRows,
    sessionIds: seeded.sessionIds,
    operators,
  })
  await seedDemoTemplates(db, demo.id, users.find((u) => u.role === 'supervisor')!.id)
  // The first client came back through another messenger, the phone written its way: a pair for "Дубликаты".
  const returning = person(0)
  await db.insert(clients).values({
    companyId: demo.id,
    externalId: 'whatsapp-1',
    name: returning.name.split(' ').slice(0, 2).join(' '),
    phone: returning.phone.replace('+7 ', '8 '),
  })
  await seedCompany({
    db,
    companyId: other.id,
    clientCount: 4,
    sessionCount: 4,
    operators: users.filter((u) => u.email === 'admin@other.test'),
    offset: 100,
  })
}

const DEMO_CHANNELS = [
  ['Сайт', 'web'],
  ['Telegram', 'telegram'],
  ['WhatsApp', 'whatsapp'],
] as const

async function seedCompany({
  db,
  companyId,
  clientCount,
  sessionCount,
  operators,
  offset = 0,
}: {
  db: Db
  companyId: string
  clientCount: number
  sessionCount: number
  operators: { id: string; name: string }[]
  offset?: number
}) {
  const now = Date.now()
  const clientRows = await db
    .insert(clients)
    .values(
      Array.from({ length: clientCount }, (_, i) => ({
        companyId,
        externalId: `demo-${offset + i + 1}`,
        ...person(offset + i),
      })),
    )
    .returning({ id: clients.id, name: clients.name })

  // The channels its dialogues come through (Каталог → Каналы, TWIN's getChatList), one per messenger.
  const channels = await db
    .insert(chats)
    .values(
      DEMO_CHANNELS.map(([name, messenger]) => ({
        companyId,
        name,
        messengers: [messenger],
        timerFirstAnswer: 120,
        timerNextAnswers: 300,
      })),
    )
    .returning({ id: chats.id, messenger: sql<string>`${chats.messengers}->>0` })

  const sessionIds: string[] = []
  for (let s = 0; s < sessionCount; s++) {
    const channel = channels[s % channels.length]!
    const client = clientRows[s % clientRows.length]!
    const thread = THREADS[s % THREADS.length]!
    // The first sessions are the freshest; every sixth one is still waiting for its first reply.
    const open = s < sessionCount / 2
    const operator = s % 6 === 5 ? null : operators[s % operators.length]!
    const lines = operator ? thread : thread.filter(([who]) => who !== 'operator')
    const start = now - (s * 3 + 1) * 3600_000 - (open ? 0 : 2 * 86400_000)
    const at = (k: number) => new Date(start + k * 90_000)
    const last = lines.at(-1)!
    const unread = open && last[0] === 'client' ? 1 : 0
    const [session] = await db
      .insert(sessions)
      .values({
        companyId,
        clientId: client.id,
        operatorId: operator?.id ?? null,
        operatorAssignedAt: operator ? at(0) : null,
        status: open ? 'open' : 'closed',
        chatId: channel.id,
        channel: channel.messenger,
        startedAt: at(0),
        closedAt: open ? null : at(lines.length + 1),
        lastMessage: last[1],
        lastMessageAt: at(lines.length - 1),
        unreadClientCount: unread,
      })
      .returning({ id: sessions.id })
    sessionIds.push(session!.id)
    const rows = lines.map(([who, body], k) => ({
      companyId,
      sessionId: session!.id,
      authorType: who as AuthorType,
      authorId: who === 'operator' ? operator!.id : null,
      authorName: who === 'operator' ? operator!.name : who === 'client' ? client.name : 'Бот',
      body,
      createdAt: at(k),
      readAt: who === 'client' && !(unread && k === lines.length - 1) ? at(k + 1) : null,
    }))
    if (!open)
      rows.push({
        companyId,
        sessionId: session!.id,
        authorType: 'system',
        authorId: null,
        authorName: null,
        body: 'Диалог закрыт',
        createdAt: at(lines.length + 1),
        readAt: null,
      })
    const written = await db
      .insert(messages)
      .values(rows)
      .returning({ id: messages.id, authorType: messages.authorType, body: messages.body })
    // What the list previews and the SDK's SessionInfo reads: the last message, the operator's last words.
    const said = written.filter((m) => m.authorType !== 'system')
    await db
      .update(sessions)
      .set({
        lastMessageId: said.at(-1)?.id,
        lastOperatorMessage: said.findLast((m) => m.authorType === 'operator')?.body ?? null,
        lastClientMessageAt: at(lines.findLastIndex(([who]) => who === 'client')),
      })
      .where(sql`${sessions.id} = ${session!.id}`)
    await db
      .update(clients)
      .set({ lastSessionAt: sql`greatest(${clients.lastSessionAt}, ${at(lines.length).toISOString()}::timestamptz)` })
      .where(sql`${clients.id} = ${client.id}`)
  }
  return { clientRows, sessionIds }
}
