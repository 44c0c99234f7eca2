import { z } from 'zod'
import type { PhoneRule } from '@shared/clients'
import { checkAttributeValue, type AttributeType } from '@shared/attributes'
import {
  IMPORT_FIELDS,
  importFieldLabels,
  type ImportColumn,
  type ImportError,
  type ImportField,
} from '@shared/imports'
import { HttpError } from '../../http/errors'
import { isStorable } from '../../http/input-guard'
import { FORMULA_START } from '../clients'

export interface Catalog {
  attributes: Map<string, { id: string; name: string; type: AttributeType; options: string[]; archived: boolean }>
  /** Active client tags by lower-case name. */
  tags: Map<string, string>
  /** The company's phone rule (shared/phones.ts): a phone is stored in E.164. */
  phone: PhoneRule
}

/** Header names (lower case) the export writes, and the usual English ones. */
const HEADERS: Record<string, ImportField> = {
  'id клиента': 'id',
  id: 'id',
  'внешний id': 'externalId',
  externalid: 'externalId',
  external_id: 'externalId',
  имя: 'name',
  name: 'name',
  телефон: 'phone',
  phone: 'phone',
  'эл. почта': 'email',
  email: 'email',
  'e-mail': 'email',
  почта: 'email',
  'теги клиента': 'tags',
  теги: 'tags',
  tags: 'tags',
}
/** The export's read-only columns: known, and not loaded. */
const EXPORT_ONLY = /^(последний диалог|изменён|создан)(\s*\(|$)/

const isField = (t: string): t is ImportField => (IMPORT_FIELDS as readonly string[]).includes(t)

/**
 * Where each column goes: by `override` (one target per column, as the panel's mapping sends it) or else by
 * its header: a client field, the tags, an active attribute by name (any case). An unknown header, an
 * archived attribute or a second column for one target is skipped and reported (row 1), not fatal.
 */
export function mapColumns(header: string[], catalog: Catalog, override?: string[]) {
  if (override && override.length !== header.length) {
    throw new HttpError(400, `columns: указано ${override.length} столбцов, в файле ${header.length}`, [
      { path: 'querystring.columns', message: `нужно ${header.length} значений` },
    ])
  }
  const byName = new Map([...catalog.attributes.values()].map((a) => [a.name.trim().toLowerCase(), a]))
  const errors: ImportError[] = []
  const taken = new Set<string>()
  const columns = header.map((raw, i): ImportColumn => {
    const headerText = raw.trim()
    const name = headerText.toLowerCase()
    const skip = (message?: string): ImportColumn => {
      if (message) errors.push({ row: 1, column: headerText || `столбец ${i + 1}`, message })
      return { header: headerText, target: 'skip' }
    }
    const target = override?.[i] ?? HEADERS[name] ?? byName.get(name)?.id
    if (override && !isField(target!)) {
      const a = catalog.attributes.get(target!)
      if (!a || a.archived)
        throw new HttpError(400, `columns: столбец ${i + 1} — параметр не найден`, [
          { path: 'querystring.columns', message: 'параметр не найден' },
        ])
    }
    if (!target) {
      if (EXPORT_ONLY.test(name) || name === '') return skip()
      return skip('Нет такого поля или параметра: столбец пропущен')
    }
    if (!isField(target) && catalog.attributes.get(target)!.archived) return skip('Параметр в архиве: столбец пропущен')
    if (target === 'skip') return skip()
    if (taken.has(target)) return skip('Второй столбец для того же поля: пропущен')
    taken.add(target)
    return { header: headerText, target }
  })
  return { columns, errors }
}

/** One line of the file as the import understands it. */
export interface ImportRow {
  row: number
  id?: string
  externalId?: string
  name?: string
  phone?: string
  email?: string
  tagIds: string[]
  values: Map<string, string>
}

// Our export writes an apostrophe before a cell a spreadsheet would take for a formula: read back, it goes.
// Any other cell starting with = + - @ (a formula someone typed) is stored as the text it is.
const unescape = (v: string) => (v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v)
const emailSchema = z.email().max(254)
const UUID = z.uuid()

/** The row's cells checked as a write would check them; every problem is listed, with its column. */
export function readRow(cells: string[], row: number, columns: ImportColumn[], catalog: Catalog) {
  const out: ImportRow = { row, tagIds: [], values: new Map() }
  const errors: ImportError[] = []
  columns.forEach(({ header, target }, i) => {
    const v = unescape((cells[i] ?? '').trim())
    if (v === '' || target === 'skip') return
    const problem = (message: string) => errors.push({ row, column: header, message })
    if (!isStorable(v)) return problem('Недопустимый символ (U+0000)')
    switch (target) {
      case 'id':
        if (UUID.safeParse(v).success) out.id = v.toLowerCase()
        else problem('Некорректный ID клиента')
        return
      case 'externalId':
      case 'name':
        if (v.length > 200) problem('Длиннее 200 символов')
        else out[target] = v
        return
      case 'phone': {
        const phone = catalog.phone(v)
        if (phone.ok) out.phone = phone.value
        else problem(phone.error)
        return
      }
      case 'email':
        if (emailSchema.safeParse(v).success) out.email = v
        else problem('Некорректный адрес почты')
        return
      case 'tags':
        for (const name of v
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)) {
          const id = catalog.tags.get(name.toLowerCase())
          if (id) out.tagIds.push(id)
          else problem(`Нет тега «${name}» в каталоге`)
        }
        return
    }
    const a = catalog.attributes.get(target)!
    const checked = checkAttributeValue(a.type, a.options, v, catalog.phone)
    if (!checked.ok) problem(checked.error)
    else if (checked.value !== null) out.values.set(a.id, checked.value)
  })
  if (errors.length === 0 && !out.id && !out.externalId && !out.name && !out.phone && !out.email) {
    errors.push({
      row,
      column: null,
      message: `Не за что зацепиться: нужен ${importFieldLabels.id}, внешний ID, имя, телефон или почта`,
    })
  }
  return { parsed: out, errors }
}
