import type { ClientHistoryItem } from '@shared/client-history'
import { authorOf } from '@/lib/attribute-format'

/** Everything that happened to one attribute, tag or own field since the last review, folded into one line. */
interface ChangeSummary {
  key: string
  /** The net change: the value before the first change → the value after the last (a tag: its last action). */
  net: ClientHistoryItem
  /** Who changed it, latest first, each once. */
  authors: string[]
  count: number
  latestAt: string
  /** Changed and changed back: nothing differs from the reviewed card. */
  unchanged: boolean
}

/**
 * The diff a reviewer needs: per attribute and per tag, how it was at the last review and how it is
 * now, not every step in between. `changes` come newest first, as the API lists them.
 */
export function summarizeChanges(changes: ClientHistoryItem[]): ChangeSummary[] {
  const groups = new Map<string, ClientHistoryItem[]>()
  for (const c of changes) {
    const key = c.attribute ? `a:${c.attribute.id}` : c.field ? `f:${c.field}` : `t:${c.tag?.id ?? c.id}`
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  return [...groups].map(([key, group]) => {
    const latest = group[0]!
    const earliest = group.at(-1)!
    const valued = latest.kind !== 'tag'
    const net = valued ? { ...latest, oldValue: earliest.oldValue } : latest
    const unchanged = valued ? net.oldValue === net.newValue : group.length > 1 && earliest.action !== latest.action
    return {
      key,
      net,
      authors: [...new Set(group.map(authorOf))],
      count: group.length,
      latestAt: latest.changedAt,
      unchanged,
    }
  })
}
