// How the product names people and clients; zod-free, so the panel's first screen can use it.
import type { Role } from '@shared/common'

const roles: Record<Role, string> = { operator: 'Оператор', supervisor: 'Руководитель', admin: 'Администратор' }

export const roleLabel = (role: Role) => roles[role]

type ClientContact = { name: string | null; phone: string | null; email: string | null; externalId: string | null }

/** What to call a client who may have left only a phone or an id. */
export const clientLabel = (c: ClientContact) => c.name || c.phone || c.email || c.externalId || 'Клиент без имени'
