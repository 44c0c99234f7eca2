import { describe, expect, it } from 'vitest'
import type { Session } from '@shared/sessions'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, expectError, startDialogue } from '../support/api'

useTestApp()

const lines = async (who: { auth: Record<string, string> }, sessionId: string) =>
  (
    (await call(t, who, 'GET', `/sessions/${sessionId}/messages?limit=100`)).json() as {
      items: { authorType: string; body: string }[]
    }
  ).items
    .filter((m) => m.authorType === 'system')
    .map((m) => m.body)

describe("the operators' queue", () => {
  it('lists open dialogues nobody took, longest waiting first; «Взять» gives one to the caller, and a second taker hears who has it', async () => {
    const c = await makeCompany(t)
    const first = await startDialogue(t, c.admin, { externalId: 'q-1', name: 'Первый' })
    const second = await startDialogue(t, c.admin, { externalId: 'q-2', name: 'Второй' })
    const assigned = await startDialogue(t, c.admin, { externalId: 'q-3', name: 'Занятый' })
    await call(t, c.admin, 'PATCH', `/sessions/${assigned.id}/operators/${c.supervisor.id}`)
    const closed = await startDialogue(t, c.admin, { externalId: 'q-4', name: 'Закрытый' })
    await call(t, c.admin, 'DELETE', `/sessions/${closed.id}`)
    const waiting = async () =>
      ((await call(t, c.operator, 'GET', '/sessions?waiting=true')).json() as { items: Session[] }).items.map(
        (s) => s.id,
      )
    expect(await waiting()).toEqual([first.id, second.id])

    const taken = await call(t, c.operator, 'POST', `/sessions/${first.id}/take`)
    expect(taken.statusCode, taken.body).toBe(200)
    expect(taken.json() as Session).toMatchObject({ operatorId: c.operator.id, operatorName: c.operator.name })
    expect(await lines(c.operator, first.id)).toContain(`${c.operator.name} взял диалог`)
    expect(await waiting()).toEqual([second.id])
    // Taking one's own again changes nothing and says nothing more.
    expect((await call(t, c.operator, 'POST', `/sessions/${first.id}/take`)).statusCode).toBe(200)
    expect((await lines(c.operator, first.id)).filter((l) => l.endsWith('взял диалог'))).toHaveLength(1)

    const late = expectError(await call(t, c.supervisor, 'POST', `/sessions/${first.id}/take`), 409)
    expect(late.error).toBe(`Диалог уже взял ${c.operator.name}`)
    expect(expectError(await call(t, c.operator, 'POST', `/sessions/${closed.id}/take`), 409).error).toBe(
      'Диалог уже закрыт',
    )
    expectError(await call(t, (await makeCompany(t)).operator, 'POST', `/sessions/${second.id}/take`), 404)
    expect(((await call(t, c.operator, 'GET', `/sessions/${first.id}`)).json() as Session).operatorId).toBe(
      c.operator.id,
    )
  })

  it('gives a dialogue to exactly one of two operators taking it at once', async () => {
    const c = await makeCompany(t)
    const dialogue = await startDialogue(t, c.admin, { externalId: 'race' })
    const [a, b] = await Promise.all([
      call(t, c.operator, 'POST', `/sessions/${dialogue.id}/take`),
      call(t, c.supervisor, 'POST', `/sessions/${dialogue.id}/take`),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
  })
})
