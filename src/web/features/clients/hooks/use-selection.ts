import { useState } from 'react'

type State = { scope: string; ids: ReadonlySet<string>; all: boolean }

/** Rows chosen in the directory for a bulk edit: some by id, or all of the filter. */
export interface Selection {
  ids: ReadonlySet<string>
  /** Every client of the filter, loaded or not. */
  all: boolean
  isSelected: (id: string) => boolean
  /** `loaded`: the rows on hand, so that unticking one of "all" keeps the others ticked. */
  toggle: (id: string, loaded: string[]) => void
  setMany: (ids: string[], on: boolean) => void
  selectAll: () => void
  clear: () => void
}

/** The selection of one view (`scope`: its filters): another search starts with nothing chosen. */
export function useSelection(scope: string): Selection {
  const [state, setState] = useState<State>({ scope, ids: new Set(), all: false })
  const current = state.scope === scope ? state : { scope, ids: new Set<string>(), all: false }
  const set = (ids: Iterable<string>, all = false) => setState({ scope, ids: new Set(ids), all })
  return {
    ids: current.ids,
    all: current.all,
    isSelected: (id) => current.all || current.ids.has(id),
    toggle: (id, loaded) => {
      const base = current.all ? new Set(loaded) : new Set(current.ids)
      if (base.has(id)) base.delete(id)
      else base.add(id)
      set(base)
    },
    setMany: (ids, on) => {
      const next = new Set(current.ids)
      for (const id of ids)
        if (on) next.add(id)
        else next.delete(id)
      set(next)
    },
    selectAll: () => set([], true),
    clear: () => set([]),
  }
}
