import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type pg from 'pg'
import type { Role } from '@shared/common'
import type { ChatEvent } from '@shared/events'

/**
 * `seenBy`: the roles that see the parameter an event names (its `visibleTo`); the other roles' streams
 * must not learn of it (modules/events). Absent: every role.
 */
type Listener = (event: ChatEvent, seenBy?: Role[]) => void

export interface EventBus {
  publish(companyId: string, event: ChatEvent, seenBy?: Role[]): void
  subscribe(companyId: string, listener: Listener): () => void
  close(): Promise<void>
}

const CHANNEL = 'kartoteka_events'

function localFanout() {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    emit: (companyId: string, event: ChatEvent, seenBy?: Role[]) => emitter.emit(companyId, event, seenBy),
    subscribe(companyId: string, listener: Listener) {
      emitter.on(companyId, listener)
      return () => void emitter.off(companyId, listener)
    },
  }
}

/** One process (PGlite): events fan out in memory. */
export function createLocalBus(): EventBus {
  const fanout = localFanout()
  return { publish: fanout.emit, subscribe: fanout.subscribe, close: async () => {} }
}

/**
 * Several processes on one PostgreSQL: every publish is a NOTIFY, and each process LISTENs on one
 * dedicated connection and fans the events out to its own SSE streams.
 */
export async function createPostgresBus(pool: pg.Pool, log: (err: unknown) => void): Promise<EventBus> {
  const fanout = localFanout()
  // This process's own events reach its listeners at once, as on the embedded database (what reacts to
  // them, such as cached view counts, is never behind its own writes); their NOTIFY is for the others.
  const origin = randomUUID()
  const listener = await pool.connect()
  listener.on('notification', (msg) => {
    if (!msg.payload) return
    try {
      const { companyId, event, seenBy, from } = JSON.parse(msg.payload) as {
        companyId: string
        event: ChatEvent
        seenBy?: Role[]
        from?: string
      }
      if (from !== origin) fanout.emit(companyId, event, seenBy)
    } catch (err) {
      log(err)
    }
  })
  await listener.query(`LISTEN ${CHANNEL}`)
  return {
    publish(companyId, event, seenBy) {
      fanout.emit(companyId, event, seenBy)
      pool
        .query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ companyId, event, seenBy, from: origin })])
        .catch(log)
    },
    subscribe: fanout.subscribe,
    async close() {
      await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {})
      listener.release()
    },
  }
}
