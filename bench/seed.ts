import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../src/server/db/client'
import { ATTRIBUTE_TYPES } from '@shared/attributes'
import { attributes, chats, tags } from '../src/server/db/schema'
import { createCompany, createUser } from '../src/server/modules/accounts'

// Bulk seeding for the benchmark: every table is filled by INSERT … SELECT over generate_series, so
// 100,000 clients take seconds, not the hours one API call per value would.

const list = (words: string[]) => sql.raw(`ARRAY[${words.map((w) => `'${w}'`).join(',')}]`)
const pick = (words: string[], k: number) =>
  sql`(${list(words)})[1 + (i * ${sql.raw(String(k))}) % ${sql.raw(String(words.length))}]`

const FIRST = [
  'Иван',
  'Пётр',
  'Анна',
  'Мария',
  'Олег',
  'Елена',
  'Сергей',
  'Ольга',
  'Дмитрий',
  'Наталья',
  'Алексей',
  'Татьяна',
  'Андрей',
  'Ирина',
  'Михаил',
  'Светлана',
  'Никита',
  'Юлия',
  'Артём',
  'Ксения',
]
const LAST = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
]
export const CITIES = [
  'Москва',
  'Казань',
  'Самара',
  'Пермь',
  'Уфа',
  'Омск',
  'Томск',
  'Тверь',
  'Сочи',
  'Курск',
  'Орёл',
  'Псков',
  'Тула',
  'Рязань',
  'Калуга',
  'Липецк',
  'Киров',
  'Чита',
  'Якутск',
  'Мурманск',
]
export const HOBBIES = [
  'рыбалка',
  'шахматы',
  'бег',
  'йога',
  'садоводство',
  'фотография',
  'туризм',
  'чтение',
  'плавание',
  'вязание',
]
const PLANS = ['Базовый', 'Стандарт', 'Премиум', 'Корпоративный']

/** `fill`: the share of clients with a value, in percent. */
type Spec = {
  name: string
  type: (typeof attributes.$inferInsert)['type']
  options?: string[]
  value: SQL
  fill: number
}
const PRIMARY: Spec[] = [
  { name: 'Город', type: 'select', options: CITIES, value: pick(CITIES, 7), fill: 90 },
  { name: 'Увлечение', type: 'text', value: sql`${pick(HOBBIES, 3)} || ' и ' || ${pick(HOBBIES, 11)}`, fill: 60 },
  { name: 'Тариф', type: 'select', options: PLANS, value: pick(PLANS, 5), fill: 70 },
  { name: 'Возраст', type: 'number', value: sql`(18 + (i * 37) % 60)::text`, fill: 80 },
  {
    name: 'Дата рождения',
    type: 'date',
    value: sql`to_char(date '1950-01-01' + (i * 53) % 20000, 'YYYY-MM-DD')`,
    fill: 70,
  },
  { name: 'Рабочая почта', type: 'email', value: sql`'work' || i || '@corp' || (i % 300) || '.ru'`, fill: 30 },
  {
    name: 'Рабочий телефон',
    type: 'phone',
    value: sql`'+7495' || lpad(((i::bigint * 7919) % 10000000)::text, 7, '0')`,
    fill: 30,
  },
  { name: 'Сайт', type: 'link', value: sql`'https://site' || (i % 5000) || '.ru'`, fill: 20 },
  { name: 'Рассылка', type: 'boolean', value: sql`CASE WHEN i % 3 = 0 THEN 'false' ELSE 'true' END`, fill: 60 },
  {
    name: 'Последний заказ',
    type: 'date',
    value: sql`to_char(current_date - (i * 29) % 730, 'YYYY-MM-DD')`,
    fill: 50,
  },
  {
    name: 'Интересы',
    type: 'multiselect',
    options: HOBBIES,
    value: sql`json_build_array(${pick(HOBBIES, 3)}, ${pick(HOBBIES, 7)})::text`,
    fill: 40,
  },
]
/** The rest of a large catalog, every type in turn, each filled for about a fifth of the clients. */
const secondary = (n: number): Spec => {
  const k = sql.raw(String(n + 3))
  const values: Record<Spec['type'] & string, SQL> = {
    text: sql`${pick(HOBBIES, n + 13)} || ' ' || ${pick(CITIES, n + 17)} || ' №' || ((i * ${k}) % 1000)`,
    number: sql`((i * ${k}) % 100000)::text`,
    date: sql`to_char(date '2015-01-01' + (i * ${k}) % 4000, 'YYYY-MM-DD')`,
    boolean: sql`CASE WHEN (i * ${k}) % 2 = 0 THEN 'true' ELSE 'false' END`,
    select: pick(PLANS, n + 2),
    multiselect: sql`json_build_array(${pick(PLANS, n + 1)})::text`,
    email: sql`'n' || i || '.' || ${k} || '@mail' || (i % 50) || '.ru'`,
    phone: sql`'+7812' || lpad(((i::bigint * ${k} * 7907) % 10000000)::text, 7, '0')`,
    link: sql`'https://shop' || (i % 1000) || '.ru/' || ${k}`,
  }
  const type = ATTRIBUTE_TYPES[n % ATTRIBUTE_TYPES.length]!
  return {
    name: `Поле ${n + 1}`,
    type,
    options: type === 'select' || type === 'multiselect' ? PLANS : undefined,
    value: values[type],
    fill: 20,
  }
}
/** 40 parameters, about 30 % of them filled on an average card. */
const SPECS: Spec[] = [...PRIMARY, ...Array.from({ length: 40 - PRIMARY.length }, (_, n) => secondary(n))]
export const ATTRIBUTE_COUNT = SPECS.length
export const FILLED_SHARE = SPECS.reduce((sum, s) => sum + s.fill, 0) / SPECS.length / 100

export interface Seeded {
  companyId: string
  operatorId: string
  supervisorId: string
  adminId: string
  attributeIds: Record<string, string>
  tagIds: string[]
}

/** Indexes other than keys are dropped during the load and built once afterwards: far faster than row by row. */
async function withoutIndexes(db: Db, tables: string[], load: () => Promise<void>, log: (s: string) => void) {
  const { rows } = (await db.execute(sql`SELECT i.indexname, i.indexdef FROM pg_indexes i
    LEFT JOIN pg_constraint c ON c.conname = i.indexname
    WHERE i.schemaname = 'public' AND i.tablename IN ${sql.raw(`(${tables.map((t) => `'${t}'`).join(',')})`)} AND c.conname IS NULL`)) as unknown as {
    rows: { indexname: string; indexdef: string }[]
  }
  for (const r of rows) await db.execute(sql.raw(`DROP INDEX "${r.indexname}"`))
  await load()
  const t = performance.now()
  for (const r of rows) await db.execute(sql.raw(r.indexdef))
  log(`  ${rows.length} indexes built: ${Math.round(performance.now() - t)} ms`)
}

export async function seed(db: Db, clients: number, log: (s: string) => void): Promise<Seeded> {
  const company = await createCompany(db, 'Бенчмарк')
  const user = (role: 'operator' | 'supervisor' | 'admin') =>
    createUser(db, {
      companyId: company.id,
      email: `${role}-${company.id}@bench.test`,
      name: role,
      role,
      password: 'bench-password',
    })
  const operator = await user('operator')
  const supervisor = await user('supervisor')
  const admin = await user('admin')
  const attrs = await db
    .insert(attributes)
    .values(
      SPECS.map((s, position) => ({
        companyId: company.id,
        name: s.name,
        type: s.type,
        options: s.options ?? [],
        position,
      })),
    )
    .returning({ id: attributes.id, name: attributes.name })
  const tagRows = await db
    .insert(tags)
    .values(
      Array.from({ length: 10 }, (_, n) => ({
        companyId: company.id,
        kind: 'client' as const,
        name: `Тег ${n + 1}`,
      })),
    )
    .returning({ id: tags.id })
  const co = company.id
  const op = operator.id
  const [chat] = await db.insert(chats).values({ companyId: co, name: 'Сайт' }).returning({ id: chats.id })

  // One transaction; foreign key triggers are off for it (the rows are consistent by construction).
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`)
    await load(tx as unknown as Db, { co, op, clients, attrs, tagRows, chatId: chat!.id }, log)
  })
  // The load ran with triggers off: the supervisor's review queue is filled as on an upgrade (migration 0009).
  await db.execute(sql`SELECT review_pending_backfill(${supervisor.id}, ${co})`)
  // …and so are the card quality counters (migration 0021).
  await db.execute(sql`SELECT card_stats_backfill()`)
  // …and so are the duplicates page's keys (migration 0032).
  await db.execute(sql`SELECT duplicate_keys_backfill()`)
  // …and so are the keyword search's texts of values (migration 0041).
  await db.execute(sql`SELECT attribute_value_texts_backfill()`)
  // As autovacuum would have by now: statistics for the planner, visibility map for index-only scans.
  await db.execute(sql`VACUUM ANALYZE`)
  return {
    companyId: co,
    operatorId: op,
    supervisorId: supervisor.id,
    adminId: admin.id,
    attributeIds: Object.fromEntries(attrs.map((a) => [a.name, a.id])),
    tagIds: tagRows.map((r) => r.id),
  }
}

type LoadArgs = {
  co: string
  op: string
  clients: number
  attrs: { id: string }[]
  tagRows: { id: string }[]
  chatId: string
}

async function load(db: Db, { co, op, clients, attrs, tagRows, chatId }: LoadArgs, log: (s: string) => void) {
  await withoutIndexes(
    db,
    [
      'clients',
      'attribute_values',
      'attribute_history',
      'client_tags',
      'client_tag_history',
      'sessions',
      'messages',
      'comments',
    ],
    async () => {
      let t = performance.now()
      const step = (what: string) => {
        log(`  ${what}: ${Math.round(performance.now() - t)} ms`)
        t = performance.now()
      }
      await db.execute(sql`INSERT INTO clients (company_id, external_id, name, phone, email, created_at, updated_at, last_session_at)
      SELECT ${co}, 'ext-' || i, CASE WHEN i % 97 = 0 THEN NULL ELSE ${pick(FIRST, 1)} || ' ' || ${pick(LAST, 7)} END,
        -- Likely duplicates: every 200th client has the phone of the one before, every 500th its e-mail.
        '+79' || lpad((((i - (i % 200 = 0)::int)::bigint * 104729) % 1000000000)::text, 9, '0'),
        'client' || (i - (i % 500 = 0)::int) || '@example.ru',
        now() - (i % 700) * interval '1 day', now() - ((i * 13) % 500000) * interval '1 minute',
        -- Every seventh never wrote in: 7 shares no factor with the lists' lengths, so no name or city goes without.
        CASE WHEN i % 7 = 0 THEN NULL ELSE now() - ((i * 31) % 500000) * interval '1 minute' END
      FROM generate_series(1, ${clients}) i`)
      step(`${clients} clients`)
      const numbered = sql`(SELECT id, updated_at, last_session_at, substr(external_id, 5)::int AS i FROM clients WHERE company_id = ${co}) c`
      for (const [n, spec] of SPECS.entries()) {
        // Which clients have it differs by parameter: (7i + 37n) mod 100 runs through every residue.
        await db.execute(sql`INSERT INTO attribute_values (client_id, attribute_id, company_id, value, version, updated_at, updated_by)
        SELECT c.id, ${attrs[n]!.id}, ${co}, ${spec.value}, 1, c.updated_at, ${op} FROM ${numbered}
        WHERE (c.i * 7 + ${sql.raw(String(n * 37))}) % 100 < ${sql.raw(String(spec.fill))}`)
      }
      step(`attribute values (${Math.round(FILLED_SHARE * 100)} % of ${SPECS.length} per card)`)
      // Three changes per client on average, spread over its parameters.
      await db.execute(sql`INSERT INTO attribute_history (company_id, client_id, attribute_id, new_value, changed_at, changed_by, source)
      SELECT company_id, client_id, attribute_id, value, updated_at, updated_by, 'api' FROM attribute_values
      WHERE company_id = ${co} AND abs(hashtext(client_id::text || attribute_id::text)) % 1000 < ${sql.raw(String(Math.round(3000 / (SPECS.length * FILLED_SHARE))))}`)
      step('attribute history (about 3 rows per client)')
      const tagArray = sql.raw(`ARRAY[${tagRows.map((r) => `'${r.id}'::uuid`).join(',')}]`)
      await db.execute(sql`INSERT INTO client_tags (client_id, tag_id, added_by, created_at)
      SELECT c.id, (${tagArray})[1 + (c.i + k) % 10], ${op}, c.updated_at FROM ${numbered}, generate_series(0, 2) k`)
      await db.execute(sql`INSERT INTO client_tag_history (company_id, client_id, tag_id, action, changed_at, changed_by, source)
      SELECT ${co}, client_id, tag_id, 'added', created_at, added_by, 'api' FROM client_tags ct
      WHERE client_id IN (SELECT id FROM clients WHERE company_id = ${co})`)
      step(`${clients * 3} client tags with history`)
      // Most of a fifth of the clients: one closed dialogue each, of three messages.
      await db.execute(sql`INSERT INTO sessions (company_id, client_id, chat_id, operator_id, status, started_at, closed_at,
        last_message, last_message_at, last_client_message_at, last_operator_message)
      SELECT ${co}, c.id, ${chatId}, ${op}, 'closed', c.last_session_at, c.last_session_at + interval '20 minutes',
        'Спасибо, всё понятно', c.last_session_at + interval '15 minutes', c.last_session_at + interval '15 minutes',
        'Заказ передан в доставку'
      FROM ${numbered} WHERE c.i % 5 = 1 AND c.last_session_at IS NOT NULL`)
      await db.execute(sql`INSERT INTO messages (company_id, session_id, author_type, author_id, body, created_at)
      SELECT ${co}, s.id, m.author::author_type, CASE WHEN m.author = 'operator' THEN ${op}::uuid END, m.body, s.started_at + m.after
      FROM sessions s, (VALUES ('client', 'Здравствуйте, где мой заказ?', interval '0'),
        ('operator', 'Заказ передан в доставку', interval '5 minutes'),
        ('client', 'Спасибо, всё понятно', interval '15 minutes')) m(author, body, after)
      WHERE s.company_id = ${co}`)
      step(`about ${Math.floor((clients / 35) * 6)} dialogues with 3 messages each`)
      await db.execute(sql`INSERT INTO comments (company_id, client_id, author_id, body, created_at)
      SELECT ${co}, c.id, ${op}, 'Просит звонить после 18:00, ' || ${pick(CITIES, 3)} || ', ' || ${pick(HOBBIES, 7)}, c.updated_at
      FROM ${numbered} WHERE c.i % 20 = 3`)
      step(`${Math.floor(clients / 20)} notes`)
    },
    log,
  )
}

/**
 * The seed of an earlier run, for measuring a large one again without the minutes of seeding: the database
 * must hold this benchmark's company alone.
 */
export async function reopen(db: Db): Promise<Seeded> {
  const one = async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows
  const companies = await one<{ id: string; name: string }>(sql`SELECT id, name FROM companies`)
  if (companies.length !== 1 || companies[0]!.name !== 'Бенчмарк')
    throw new Error('--again: the database must hold the seed of an earlier bench run and nothing else')
  const co = companies[0]!.id
  const users = await one<{ id: string; role: string }>(sql`SELECT id, role FROM users WHERE company_id = ${co}`)
  const userOf = (role: string) => users.find((u) => u.role === role)!.id
  const attrs = await one<{ id: string; name: string }>(sql`SELECT id, name FROM attributes WHERE company_id = ${co}`)
  const tagRows = await one<{ id: string }>(
    sql`SELECT id FROM tags WHERE company_id = ${co} AND name LIKE 'Тег %' ORDER BY substr(name, 5)::int`,
  )
  return {
    companyId: co,
    operatorId: userOf('operator'),
    supervisorId: userOf('supervisor'),
    adminId: userOf('admin'),
    attributeIds: Object.fromEntries(attrs.map((a) => [a.name, a.id])),
    tagIds: tagRows.map((r) => r.id),
  }
}
