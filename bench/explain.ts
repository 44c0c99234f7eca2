import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { Db } from '../src/server/db/client'
import {
  afterCursor,
  itemFields,
  openDirectory,
  readPage,
  selectPage,
  timelineSql,
} from '../src/server/modules/clients'
import type { ClientExportQuery } from '@shared/client-directory'
import type { Seeded } from './seed'

const query = (q: Partial<ClientExportQuery>): ClientExportQuery => ({
  sort: 'lastSessionAt',
  attributeFilters: [],
  ...q,
})

async function explain(db: Db, title: string, statement: SQLWrapper) {
  const { rows } = (await db.execute(sql`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) ${statement}`)) as unknown as {
    rows: Record<string, string>[]
  }
  console.log(`\n--- ${title}`)
  for (const r of rows) console.log(Object.values(r)[0])
}

/** The plans of the directory's queries, built by the same functions the routes use. */
export async function explainAll(db: Db, s: Seeded, deep: number) {
  const page = async (title: string, q: ClientExportQuery) => {
    const dir = await openDirectory({ db, companyId: s.companyId, role: 'operator', q })
    await explain(db, title, selectPage({ db, dir, where: dir.where, limit: 51, fields: itemFields(dir, []) }))
  }
  await page('keyword, rare', query({ keyword: 'client4242' }))
  await page('keyword, common', query({ keyword: 'Новиков' }))
  await page('tag filter', query({ tagId: s.tagIds[0] }))
  await page(
    'attribute filter',
    query({ attributeFilters: [{ attributeId: s.attributeIds['Город']!, match: 'value', value: 'Казань' }] }),
  )
  await page(
    'attribute is empty',
    query({ attributeFilters: [{ attributeId: s.attributeIds['Город']!, match: 'empty' }] }),
  )

  const dir = await openDirectory({
    db,
    companyId: s.companyId,
    role: 'operator',
    q: query({ sort: 'name', order: 'asc' }),
  })
  const { next } = await readPage({ db, dir, fields: itemFields(dir, []), p: { limit: 50, offset: deep - 50 } })
  const [after] = afterCursor(dir.sort, next!)
  await explain(
    db,
    `keyset page at ${deep} by name`,
    selectPage({ db, dir, where: and(dir.where, after as SQL)!, limit: 51, fields: itemFields(dir, []) }),
  )

  const [client] = (
    (await db.execute(sql`SELECT id FROM clients WHERE company_id = ${s.companyId} LIMIT 1`)) as unknown as {
      rows: { id: string }[]
    }
  ).rows
  await explain(
    db,
    'history of one client',
    sql`${timelineSql(sql`h.client_id = ${client!.id}`, 'operator')} ORDER BY h.changed_at DESC, h.id DESC LIMIT 50`,
  )
}
