import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../src/server/db/client'
import { attributes, tags } from '../src/server/db/schema'
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
const HOBBIES = [
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

type Spec = { name: string; type: (typeof attributes.$inferInsert)['type']; options?: string[]; value: SQL }
const SPECS: Spec[] = [
  { name: 'Город', type: 'select', options: CITIES, value: pick(CITIES, 7) },
  { name: 'Увлечение', type: 'text', value: sql`${pick(HOBBIES, 3)} || ' и ' || ${pick(HOBBIES, 11)}` },
  { name: 'Тариф', type: 'select', options: PLANS, value: pick(PLANS, 5) },
  { name: 'Возраст', type: 'number', value: sql`(18 + (i * 37) % 60)::text` },
  { name: 'Дата рождения', type: 'date', value: sql`to_char(date '1950-01-01' + (i * 53) % 20000, 'YYYY-MM-DD')` },
  { name: 'Рабочая почта', type: 'email', value: sql`'work' || i || '@corp' || (i % 300) || '.ru'` },
  {
    name: 'Рабочий телефон',
    type: 'phone',
    value: sql`'+7 495 ' || lpad(((i::bigint * 7919) % 10000000)::text, 7, '0')`,
  },
  { name: 'Сайт', type: 'link', value: sql`'https://site' || (i % 5000) || '.ru'` },
  { name: 'Рассылка', type: 'boolean', value: sql`CASE WHEN i % 3 = 0 THEN 'false' ELSE 'true' END` },
  ...Array.from({ length: 11 }, (_, n): Spec => ({
    name: `Заметка ${n + 1}`,
    type: 'text',
    value: sql`${pick(HOBBIES, n + 13)} || ' ' || ${pick(CITIES, n + 17)} || ' №' || ((i * ${sql.raw(String(n + 3))}) % 1000)`,
  })),
]

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

  // One transaction; foreign key triggers are off for it (the rows are consistent by construction).
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`)
    await load(tx as unknown as Db, { co, op, clients, attrs, tagRows }, log)
  })
  // The load ran with triggers off: the supervisor's review queue is filled as on an upgrade (migration 0009).
  await db.execute(sql`SELECT review_pending_backfill(${supervisor.id}, ${co})`)
  // …and so are the card quality counters (migration 0021).
  await db.execute(sql`SELECT card_stats_backfill()`)
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

type LoadArgs = { co: string; op: string; clients: number; attrs: { id: string }[]; tagRows: { id: string }[] }

async function load(db: Db, { co, op, clients, attrs, tagRows }: LoadArgs, log: (s: string) => void) {
  await withoutIndexes(
    db,
    ['clients', 'attribute_values', 'attribute_history', 'client_tags', 'client_tag_history'],
    async () => {
      let t = performance.now()
      const step = (what: string) => {
        log(`  ${what}: ${Math.round(performance.now() - t)} ms`)
        t = performance.now()
      }
      await db.execute(sql`INSERT INTO clients (company_id, external_id, name, phone, email, created_at, updated_at, last_session_at)
      SELECT ${co}, 'ext-' || i, CASE WHEN i % 97 = 0 THEN NULL ELSE ${pick(FIRST, 1)} || ' ' || ${pick(LAST, 7)} END,
        '+7 9' || lpad(((i::bigint * 104729) % 1000000000)::text, 9, '0'), 'client' || i || '@example.ru',
        now() - (i % 700) * interval '1 day', now() - ((i * 13) % 500000) * interval '1 minute',
        CASE WHEN i % 5 = 0 THEN NULL ELSE now() - ((i * 31) % 500000) * interval '1 minute' END
      FROM generate_series(1, ${clients}) i`)
      step(`${clients} clients`)
      const numbered = sql`(SELECT id, updated_at, substr(external_id, 5)::int AS i FROM clients WHERE company_id = ${co}) c`
      for (const [n, spec] of SPECS.entries()) {
        await db.execute(sql`INSERT INTO attribute_values (client_id, attribute_id, company_id, value, version, updated_at, updated_by)
        SELECT c.id, ${attrs[n]!.id}, ${co}, ${spec.value}, 1, c.updated_at, ${op} FROM ${numbered}`)
      }
      step(`${clients * SPECS.length} attribute values`)
      await db.execute(sql`INSERT INTO attribute_history (company_id, client_id, attribute_id, new_value, changed_at, changed_by, source)
      SELECT company_id, client_id, attribute_id, value, updated_at, updated_by, 'api' FROM attribute_values WHERE company_id = ${co}`)
      step('attribute history (one row per value)')
      const tagArray = sql.raw(`ARRAY[${tagRows.map((r) => `'${r.id}'::uuid`).join(',')}]`)
      await db.execute(sql`INSERT INTO client_tags (client_id, tag_id, added_by, created_at)
      SELECT c.id, (${tagArray})[1 + (c.i + k) % 10], ${op}, c.updated_at FROM ${numbered}, generate_series(0, 2) k`)
      await db.execute(sql`INSERT INTO client_tag_history (company_id, client_id, tag_id, action, changed_at, changed_by, source)
      SELECT ${co}, client_id, tag_id, 'added', created_at, added_by, 'api' FROM client_tags ct
      WHERE client_id IN (SELECT id FROM clients WHERE company_id = ${co})`)
      step(`${clients * 3} client tags with history`)
    },
    log,
  )
}
