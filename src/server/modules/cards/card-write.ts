import type { SQL } from 'drizzle-orm'
import type { ChangeSource } from '@shared/attributes'
import type { ClientField } from '@shared/clients'
import type { Role } from '@shared/common'
import type { ChatEvent } from '@shared/events'
import type { Db, Tx } from '../../db/client'
import { preparedRows, rowsOf } from '../../db/raw'
import { fieldWriteSql, oneValueWriteQuery, tagWriteSql, valueWriteSql } from './card-write-sql'

// The one write path for card changes: parameter values, client tags and the client's own fields. Every
// writer (the card, merge, import, bulk edit, undo, option renames, suggestions) calls writeCardChanges,
// so each change bumps its version, gets one history row stamped with its write time, moves the client's
// updated_at (never backwards) and comes back as an event to publish. The counters and review marks that
// follow history rows are kept by the database (db/triggers.ts).

export interface ValueChange {
  clientId: string
  attributeId: string
  /** The new value as stored (checked already); null clears it. */
  value: string | null
  /** Written only if the value's version is still this (the card's optimistic check); else `conflict`. */
  expectedVersion?: number
  /** Written only if the value is still this (undo, option renames); else `skipped`. */
  onlyIf?: { value: string | null }
}

export interface TagChange {
  clientId: string
  tagId: string
  action: 'added' | 'removed'
}

export interface FieldChange {
  clientId: string
  field: ClientField
  value: string | null
  /** Written only if the field is still this (undo); else left alone. */
  onlyIf?: { value: string | null }
}

/**
 * Where the changes are written: in a transaction (`tx`) when they must land together with each other or with
 * the caller's own writes; else on the pool (`db`), each statement alone and prepared (the card's value write).
 */
type WriteTarget = { tx: Tx; db?: never } | { db: Db; tx?: never }

export type CardWrite = WriteTarget & CardChanges

export interface CardChanges {
  companyId: string
  userId: string
  source: ChangeSource
  /** The import or bulk edit the changes belong to, so that its undo finds them. */
  batchId?: string | null
  values?: ValueChange[]
  tags?: TagChange[]
  fields?: FieldChange[]
  /**
   * The parameters as the values were checked against them (`attributeCheckSql`): a parameter changed
   * since (an option renamed, access narrowed, archived) makes its values `stale`, to be checked again.
   */
  checkedAttributes?: { attributeId: string; checked: string }[]
}

/**
 * `write`: written; `same`: the value was already there (no history, no event); `conflict`: another
 * version than expected; `skipped`: not the value `onlyIf` names; `stale`: the parameter changed since it
 * was checked, or the client is gone (merged away).
 */
export type ValueOutcome = 'write' | 'same' | 'conflict' | 'skipped' | 'stale'

export interface WrittenValue {
  clientId: string
  attributeId: string
  outcome: ValueOutcome
  oldValue: string | null
  newValue: string | null
  /** The value's version after the write (or as it is, for the other outcomes); 0 if it never had one. */
  version: number
  updatedAt: Date | null
  /** The roles that see the parameter (none for `stale`: it is not there as checked). */
  visibleTo: Role[]
}

export interface CardWriteResult {
  values: WrittenValue[]
  tags: TagChange[]
  fields: { clientId: string; field: ClientField; oldValue: string | null; newValue: string | null }[]
  /** Every client something was written on. */
  clientIds: string[]
  /** What to publish once the transaction has committed, each to the roles that may learn of it. */
  events: CardEvent[]
}

/** How often a value write starts over when another first write of the same value slips in between. */
const MAX_ATTEMPTS = 3

type ValueRow = {
  client_id: string
  attribute_id: string
  outcome: ValueOutcome
  old_value: string | null
  new_value: string | null
  version: number
  updated_at: Date | null
  lost: boolean
  visible_to: Role[] | null
}

const run = <T>(w: CardWrite, query: SQL) => (w.tx ? rowsOf<T>(w.tx, query) : preparedRows<T>(w.db, query))

/** The last change of each value wins: one statement cannot write a row twice. */
const lastOfEach = <T>(changes: T[], key: (c: T) => string) => [...new Map(changes.map((c) => [key(c), c])).values()]

async function writeValues(w: CardWrite): Promise<WrittenValue[]> {
  let pending = lastOfEach(w.values ?? [], (c) => `${c.clientId}:${c.attributeId}`)
  const done: WrittenValue[] = []
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) {
      throw new Error(
        `A value write gave up after ${MAX_ATTEMPTS} attempts: another first write of the same value won each time`,
      )
    }
    const rows = w.tx
      ? await rowsOf<ValueRow>(w.tx, valueWriteSql(w, pending))
      : await preparedRows<ValueRow>(w.db, oneValueWriteQuery(w, pending) ?? valueWriteSql(w, pending))
    // Another first write of the value came in between: decide again on what is there now.
    const lost = new Set(rows.filter((r) => r.lost).map((r) => `${r.client_id}:${r.attribute_id}`))
    for (const r of rows) {
      if (r.lost) continue
      done.push({
        clientId: r.client_id,
        attributeId: r.attribute_id,
        outcome: r.outcome,
        oldValue: r.old_value,
        newValue: r.new_value,
        version: r.version,
        updatedAt: r.updated_at,
        visibleTo: r.visible_to ?? [],
      })
    }
    pending = pending.filter((c) => lost.has(`${c.clientId}:${c.attributeId}`))
  }
  return done
}

async function writeTags(w: CardWrite): Promise<TagChange[]> {
  const changes = lastOfEach(w.tags ?? [], (c) => `${c.clientId}:${c.tagId}`)
  if (changes.length === 0) return []
  const rows = await run<{ client_id: string; tag_id: string; action: TagChange['action'] }>(w, tagWriteSql(w, changes))
  return rows.map((r) => ({ clientId: r.client_id, tagId: r.tag_id, action: r.action }))
}

async function writeFields(w: CardWrite): Promise<CardWriteResult['fields']> {
  const changes = lastOfEach(w.fields ?? [], (c) => `${c.clientId}:${c.field}`)
  if (changes.length === 0) return []
  type Row = { client_id: string; field: ClientField; old_value: string | null; new_value: string | null }
  const rows = await run<Row>(w, fieldWriteSql(w, changes))
  return rows.map((r) => ({ clientId: r.client_id, field: r.field, oldValue: r.old_value, newValue: r.new_value }))
}

/** An event for the bus, and the roles it may reach (absent: every role). */
export interface CardEvent {
  event: ChatEvent
  seenBy?: Role[]
}

/** One event per changed value (only the roles that see the parameter learn of it), per client's tags and fields. */
function eventsOf(values: WrittenValue[], tags: TagChange[], fields: CardWriteResult['fields']): CardEvent[] {
  return [
    ...values
      .filter((v) => v.outcome === 'write')
      .map((v) => ({
        event: {
          type: 'client.attributes.changed' as const,
          clientId: v.clientId,
          attributeId: v.attributeId,
          version: v.version,
        },
        seenBy: v.visibleTo,
      })),
    ...[...new Set(tags.map((t) => t.clientId))].map((clientId) => ({
      event: { type: 'client.tags.changed' as const, clientId },
    })),
    ...[...new Set(fields.map((f) => f.clientId))].map((clientId) => ({
      event: { type: 'client.updated' as const, clientId },
    })),
  ]
}

/**
 * Writes a set of card changes (values, then tags, then fields) and returns what each came to and the
 * events to publish. Changes that leave a card as it was write nothing. Pass a transaction as `db` when
 * the changes must land together; a single value write needs none (its statement is atomic).
 */
export async function writeCardChanges(w: CardWrite): Promise<CardWriteResult> {
  const values = await writeValues(w)
  const tags = await writeTags(w)
  const fields = await writeFields(w)
  const clientIds = [
    ...new Set([
      ...values.filter((v) => v.outcome === 'write').map((v) => v.clientId),
      ...tags.map((t) => t.clientId),
      ...fields.map((f) => f.clientId),
    ]),
  ]
  return { values, tags, fields, clientIds, events: eventsOf(values, tags, fields) }
}
