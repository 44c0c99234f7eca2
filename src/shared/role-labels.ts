import type { Role } from '@shared/common'

const labels: Record<Role, string> = { operator: 'Оператор', supervisor: 'Руководитель', admin: 'Администратор' }

/** A role as people read it; zod-free, so the panel's first screen can show it. */
export const roleLabel = (role: Role) => labels[role]
