export { roleLabel } from '@shared/role-labels'

type ClientContact = { name: string | null; phone: string | null; email: string | null; externalId: string | null }

/** What to call a client who may have left only a phone or an id. */
export const clientLabel = (c: ClientContact) => c.name || c.phone || c.email || c.externalId || 'Клиент без имени'
