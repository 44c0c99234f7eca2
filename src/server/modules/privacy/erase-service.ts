import { and, eq, inArray } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import type { EraseInput } from '@shared/privacy'
import type { Db } from '../../db/client'
import { privacyRequests, sessions } from '../../db/schema'
import { notFound } from '../../http/errors'
import { audit } from '../audit'
import { closeSession, postMessage } from '../sessions'
import { ERASURE_CLOSE_LINE, eraseClients } from './erase-repo'

/** Closes the clients' open dialogues with a line, before their data goes; returns the dialogues closed. */
export async function closeOpenDialogues(db: Db, auth: { companyId: string }, clientIds: string[]) {
  const open = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(eq(sessions.companyId, auth.companyId), inArray(sessions.clientId, clientIds), eq(sessions.status, 'open')),
    )
  for (const { id } of open) {
    await closeSession({ db, companyId: auth.companyId, role: 'admin', sessionId: id, force: true })
    await postMessage(db, auth.companyId, id, { authorType: 'system', body: ERASURE_CLOSE_LINE })
  }
  return open.map((s) => s.id)
}

/** An admin's destruction of clients' data, on a request if one is named: the act, with its Журнал line. */
export async function erase(db: Db, req: FastifyRequest, input: EraseInput & { clientIds: string[] }) {
  const { companyId, userId } = req.auth
  if (input.requestId) {
    const [request] = await db
      .select({ number: privacyRequests.number })
      .from(privacyRequests)
      .where(and(eq(privacyRequests.id, input.requestId), eq(privacyRequests.companyId, companyId)))
    if (!request) throw notFound('Запрос не найден')
  }
  return eraseClients(db, {
    companyId,
    userId,
    ...input,
    journal: (tx, erased) =>
      audit(tx, req, {
        action: 'client.erased',
        clientId: erased.length === 1 ? erased[0]!.id : undefined,
        summary:
          `Уничтожены персональные данные (${input.subject}) клиента ${erased.map((c) => c.id).join(', ')}. ` +
          `Основание: ${input.reason}`,
      }),
  })
}
