import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { Database } from './client'

/**
 * This service process, as the batches it runs name their owner (change_batches.owner). While it lives it
 * holds a session advisory lock on its id, so another process sharing the database can tell its running
 * batches from those of a process that is gone (batches/batch-repo: interruptOrphans): the lock goes with
 * the connection, however the process ends.
 */
export const processInstanceId = randomUUID()

/** The lock's key: the id hashed to the bigint advisory locks take (the SQL the check repeats). */

/**
 * Takes the lock and keeps it. On PostgreSQL on a connection of its own, outside the pool; the embedded
 * database's connections share its one backend session (db/embedded-wire), which keeps the lock itself.
 */
export async function holdPresence(database: Database, id = processInstanceId) {
  // The key is the id hashed to the bigint advisory locks take, as batch-repo's check hashes it.
  const lock = { text: 'SELECT pg_advisory_lock(hashtextextended($1, 0))', values: [id] }
  if (database.kind === 'pglite') {
    await database.pool.query(lock)
    return { id, release: async () => {} }
  }
  const client = new pg.Client(database.pool.options)
  // A lost connection loses the lock: say so rather than let another process take our batches silently.
  client.on('error', (err) => console.error('presence connection lost:', err.message))
  await client.connect()
  await client.query(lock)
  return { id, release: () => client.end() }
}
