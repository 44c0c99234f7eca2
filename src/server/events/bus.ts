import { EventEmitter } from 'node:events'
import type pg from 'pg'
import type { ChatEvent } from '@shared/events'

type Listener = (event: ChatEvent) => void

export interface EventBus {
  publish(companyId: string, event: ChatEvent): void
  subscribe(companyId: string, listener: Listener): () => void
  close(): Promise<void>
}

const CHANNEL = 'kartoteka_events'

function localFanout() {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    emit: (companyId: string, event: ChatEvent) => emitter.emit(companyId, event),
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
  const listener = await pool.connect()
  listener.on('notification', (msg) => {
    if (!msg.payload) return
    try {
      const { companyId, event } = JSON.parse(msg.payload) as { companyId: string; event: ChatEvent }
      fanout.emit(companyId, event)
    } catch (err) {
      log(err)
    }
  })
  await listener.query(`LISTEN ${CHANNEL}`)
  return {
    publish(companyId, event) {
      pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ companyId, event })]).catch(log)
    },
    subscribe: fanout.subscribe,
    async close() {
      await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {})
      listener.release()
    },
  }
}
