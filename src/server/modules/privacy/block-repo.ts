import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { clients } from '../../db/schema'
import { conflict } from '../../http/errors'
import { getClient, clientNotFound } from '../cards'

/**
 * Blocks processing of a client's data while a request is checked (152-ФЗ ст. 21): the card becomes read-only
 * for every writer, and exports, bulk edits, imports, templates and webhooks leave it out. Dialogues still
 * arrive. With `reason` null, unblocks. 409 if it is already so, or its data is destroyed.
 */
export async function setBlocked(db: Db, companyId: string, clientId: string, reason: string | null) {
  const c = clients
  const [row] = await db
    .update(c)
    .set(
      reason === null
        ? { blockedAt: null, blockedReason: null }
        : { blockedAt: sql`now()`, blockedReason: reason, updatedAt: sql`greatest(${c.updatedAt}, now())` },
    )
    .where(
      and(
        eq(c.id, clientId),
        eq(c.companyId, companyId),
        isNull(c.erasedAt),
        reason === null ? sql`${c.blockedAt} IS NOT NULL` : isNull(c.blockedAt),
      ),
    )
    .returning({ id: c.id })
  if (!row) {
    const now = await getClient(db, companyId, clientId).catch(() => {
      throw clientNotFound()
    })
    if (now.erasedAt) throw conflict('Персональные данные клиента уничтожены')
    throw conflict(
      reason === null ? 'Обработка данных клиента не заблокирована' : 'Обработка данных клиента уже заблокирована',
    )
  }
  return getClient(db, companyId, clientId)
}
