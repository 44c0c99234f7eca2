import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeCompany, t, useTestApp } from '../support/app'
import { call, startDialogue } from '../support/api'

useTestApp()

const spellings = ['+79101001010', '89101001010', '9101001010', '910 100-10-10', '8 (910) 100 10 10']

describe('finding a client by phone however it is typed', () => {
  it.each([['+7 910 100-10-10'], ['89101001010'], ['(910) 1001010']])(
    'finds the client stored as %s in the directory and the dialogue list',
    async (stored) => {
      const co = await makeCompany(t)
      const mine = await startDialogue(t, co.operator, {
        externalId: `ext-${randomUUID()}`,
        name: 'Нужный',
        phone: stored,
      })
      await startDialogue(t, co.operator, {
        externalId: `ext-${randomUUID()}`,
        name: 'Другой',
        phone: '+7 916 123-45-67',
      })
      for (const typed of spellings) {
        const q = encodeURIComponent(typed)
        const clients = (await call(t, co.operator, 'GET', `/clients?keyword=${q}`)).json()
        expect(
          clients.items.map((c: { name: string }) => c.name),
          typed,
        ).toEqual(['Нужный'])
        const sessions = (await call(t, co.operator, 'GET', `/sessions?keyword=${q}`)).json()
        expect(
          sessions.items.map((s: { id: string }) => s.id),
          typed,
        ).toEqual([mine.id])
      }
    },
  )
})
