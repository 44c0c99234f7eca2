import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { clientDirectoryQuerySchema } from '@shared/client-directory'
import { sessionListQuerySchema } from '@shared/sessions'
import { importMatchSql, revertibleSql } from '../../src/server/modules/batches'
import { cardSql, fieldWriteSql, oneValueWriteQuery, tagWriteSql, valueWriteSql } from '../../src/server/modules/cards'
import { itemFields, openDirectory, selectPage } from '../../src/server/modules/clients'
import { sessionListQuery } from '../../src/server/modules/sessions'
import { t, useTestApp } from '../support/app'

useTestApp()

// The hand-written statements of the hottest and riskiest paths, rendered with fixed parameters to
// src/server/db/queries/*.sql, which are committed: a change to a statement shows as a diff of its SQL in
// review. `npx vitest run --project server test/server/queries.test.ts -u` rewrites the files; CI fails
// when a rendering differs from its file.

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const [company, user, client, attribute, tag, batch] = [1, 2, 3, 4, 5, 6].map(id) as [string, ...string[]]
const writer = { companyId: company, userId: user!, source: 'panel' as const }
const dialect = new PgDialect()

async function rendered(name: string, title: string, query: SQL) {
  const { sql, params } = dialect.sqlToQuery(query)
  const listed = params.map((p, i) => `--   $${i + 1} = ${JSON.stringify(p)}`).join('\n')
  const text = `-- ${title}\n-- Parameters:\n${listed}\n${sql.trim()}\n`
  await expect(text).toMatchFileSnapshot(`../../src/server/db/queries/${name}.sql`)
}

describe('statements rendered to src/server/db/queries', () => {
  it('the card, as an operator opens it', () =>
    rendered(
      'card',
      'The card: the catalog an operator sees with the client’s values (GET /clients/{id}/attributes)',
      cardSql(company, client!, 'operator'),
    ))

  it('the card write path', async () => {
    await rendered(
      'card-write-values',
      'Values written, with their history and the client’s updatedAt (cards/card-write)',
      valueWriteSql(writer, [{ clientId: client!, attributeId: attribute!, value: 'Казань', expectedVersion: 3 }]),
    )
    await rendered(
      'card-write-tags',
      'Client tags put on and taken off, with their history (cards/card-write)',
      tagWriteSql(writer, [
        { clientId: client!, tagId: tag!, action: 'added' },
        { clientId: client!, tagId: id(7), action: 'removed' },
      ]),
    )
    await rendered(
      'card-write-fields',
      'The client’s own fields, with their history and one version more (cards/card-write)',
      fieldWriteSql(writer, [{ clientId: client!, field: 'name', value: 'Анна Петрова' }]),
    )
  })

  it('renders the card’s own value write once, as the write path would render it each time', () => {
    const render = (query: SQL) => {
      const { sql, params } = dialect.sqlToQuery(query)
      return { sql, params }
    }
    const change = { clientId: client!, attributeId: attribute!, value: 'Казань', expectedVersion: 3 }
    for (const w of [
      writer,
      { ...writer, batchId: batch, checkedAttributes: [{ attributeId: attribute!, checked: 'x' }] },
    ]) {
      expect(oneValueWriteQuery(w, [change])).toEqual(render(valueWriteSql(w, [change])))
      const guarded = { ...change, expectedVersion: undefined, onlyIf: { value: null } }
      expect(oneValueWriteQuery(w, [guarded])).toEqual(render(valueWriteSql(w, [guarded])))
    }
    expect(oneValueWriteQuery(writer, [change, { ...change, clientId: id(8) }])).toBeUndefined()
  })

  it('the dialogue list and the directory page', async () => {
    await rendered(
      'dialogue-list',
      'The dialogue list, first page of 50 (GET /sessions)',
      sessionListQuery(company, { ...sessionListQuerySchema.parse({ limit: '50' }), attributeFilters: [] }),
    )
    const directory = await openDirectory({
      db: t.db,
      companyId: company,
      role: 'operator',
      q: clientDirectoryQuerySchema.parse({ limit: '50' }),
    })
    await rendered(
      'directory-page',
      'The directory, first page of 50 with its count (GET /clients)',
      selectPage({
        db: t.db,
        dir: directory,
        where: directory.where,
        limit: 51,
        fields: itemFields(directory, [], 'capped'),
      }).getSQL(),
    )
  })

  it('undo and import', async () => {
    const revertible = revertibleSql({ id: batch!, kind: 'bulk' })
    await rendered('undo-values', 'What an undo puts back: the batch’s values nobody changed since', revertible.values)
    await rendered('undo-tags', 'What an undo puts back: the batch’s client tags nobody changed since', revertible.tags)
    await rendered('undo-fields', 'What an undo puts back: the batch’s fields nobody changed since', revertible.fields)
    await rendered(
      'import-match',
      'The client each import row goes to: by id, external ID, then phone',
      importMatchSql(
        company,
        [{ row: 2, externalId: 'crm-1', phone: '+79161234567', values: new Map(), tagIds: [] }],
        'phone',
      ),
    )
  })
})
