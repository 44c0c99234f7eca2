import { multiValues, type AttributeType } from '@shared/attributes'
import type { Role } from '@shared/common'
import { formatPhone } from '@shared/phones'
import { FIXED_VARIABLES, VARIABLE, type FixedVariable } from '@shared/templates'
import { HttpError } from '../../http/errors'
import { sees } from '../cards'

// A template's variables: `{{client.firstName}}`, `{{param.Город | "вашем городе"}}`. People write parameters by
// name; the stored text names them by id (`{{param.#<id>}}`), so renaming one keeps its templates working.

export interface CatalogAttribute {
  id: string
  name: string
  type: AttributeType
  options: string[]
  visibleTo: Role[]
  archived: boolean
}

const STORED_PARAM = /^param\.#([0-9a-f-]{36})$/

const variableError = (message: string) => new HttpError(400, message, [{ path: 'body.body', message }])

/**
 * The text as stored: each `param.<name>` replaced by its id. An unknown variable, an unknown or archived
 * parameter, or one hidden from some of `users` (the roles that will use the template) is a 400 naming it.
 */
export function storedBody(body: string, catalog: CatalogAttribute[], users: Role[]) {
  const byName = new Map(catalog.filter((a) => !a.archived).map((a) => [a.name.toLowerCase(), a]))
  return body.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    if (name in FIXED_VARIABLES) return whole
    if (!name.startsWith('param.')) throw variableError(`Неизвестная переменная {{${name}}}`)
    const attribute = byName.get(name.slice('param.'.length).trim().toLowerCase())
    if (!attribute) throw variableError(`Нет такого параметра: {{${name}}}`)
    const blind = users.filter((role) => !sees(attribute.visibleTo, role))
    if (blind.length) {
      throw variableError(
        `Параметр «${attribute.name}» скрыт от тех, кто будет пользоваться шаблоном (${blind.join(', ')})`,
      )
    }
    return fallback === undefined ? `{{param.#${attribute.id}}}` : `{{param.#${attribute.id} | "${fallback}"}}`
  })
}

/** The ids of the parameters a stored text names. */
export function paramIds(stored: string) {
  return [...stored.matchAll(VARIABLE)].flatMap(([, name]) => STORED_PARAM.exec(name!)?.[1] ?? [])
}

/** The stored text as people read it: parameters by their names now. */
export function shownBody(stored: string, catalog: Map<string, CatalogAttribute>) {
  return stored.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    const id = STORED_PARAM.exec(name)?.[1]
    if (!id) return whole
    const label = `param.${catalog.get(id)?.name ?? id}`
    return fallback === undefined ? `{{${label}}}` : `{{${label} | "${fallback}"}}`
  })
}

/** What a template lacks now: a parameter archived (or gone) since it was saved. */
export const problemsOf = (stored: string, catalog: Map<string, CatalogAttribute>) =>
  paramIds(stored).flatMap((id) => {
    const a = catalog.get(id)
    return !a ? ['Параметр удалён'] : a.archived ? [`Параметр «${a.name}» в архиве`] : []
  })

/** A value as the card shows it: dates ДД.ММ.ГГГГ, a decimal comma, да/нет, lists joined, phones grouped. */
export function formatValue(type: AttributeType, value: string, phoneCountry: string) {
  switch (type) {
    case 'date':
      return value.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3.$2.$1')
    case 'number':
      return value.replace('.', ',')
    case 'boolean':
      return value === 'true' ? 'да' : 'нет'
    case 'multiselect':
      return multiValues(value).join(', ')
    case 'phone':
      return formatPhone(value, phoneCountry)
    default:
      return value
  }
}

export interface RenderContext {
  fixed: Record<FixedVariable, string | null>
  /** The parameters the text names that the caller sees, with the client's value (null: empty). */
  params: Map<string, { attribute: CatalogAttribute; value: string | null }>
  phoneCountry: string
}

/**
 * The text for this client, in one pass (a value holding `{{…}}` is text, never expanded again): an empty
 * value takes its fallback, else leaves a visible gap `[Имя]`; `missing` lists the parameters without one.
 */
export function render(stored: string, ctx: RenderContext) {
  const missing = new Map<string, CatalogAttribute>()
  const text = stored.replace(VARIABLE, (_whole, name: string, fallback: string | undefined) => {
    const id = STORED_PARAM.exec(name)?.[1]
    if (!id) {
      const value = ctx.fixed[name as FixedVariable]
      return value ?? fallback ?? `[${FIXED_VARIABLES[name as FixedVariable] ?? name}]`
    }
    const param = ctx.params.get(id)
    if (param?.value != null && !param.attribute.archived)
      return formatValue(param.attribute.type, param.value, ctx.phoneCountry)
    if (fallback !== undefined) return fallback
    // A parameter the caller does not see is a gap with no name to give away.
    if (!param) return '[…]'
    missing.set(id, param.attribute)
    return `[${param.attribute.name}]`
  })
  return { text, missing: [...missing.values()] }
}

/** The first name in a full name as channels write it (Фамилия Имя Отчество), or the one word there is. */
export function firstNameOf(name: string | null) {
  const words = name?.trim().split(/\s+/).filter(Boolean) ?? []
  return words.length >= 2 ? words[1]! : (words[0] ?? null)
}
