import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Attribute } from '@shared/attributes'
import { useMoveAttribute } from '@/features/catalog/attributes/api/move-attribute'
import { AttributeRow, type RowDrag } from './attribute-row'

interface AttributeListProps {
  /** The active attributes in card order. */
  items: Attribute[]
  /** The whole catalog, archived included: the service counts positions over all of it. */
  catalog: Attribute[]
}

/** The catalog in card order; reordered by dragging a row, by the arrow buttons, or Alt+↑/↓ on a row. */
export function AttributeList({ items, catalog }: AttributeListProps) {
  const { mutate: move } = useMoveAttribute()
  const [announcement, setAnnouncement] = useState('')
  const [dragId, setDragId] = useState<string | null>(null)
  const [overId, setOverId] = useState<string | null>(null)
  // A moved row's node moves in the DOM, which drops the focus: give it back to the same control.
  const refocus = useRef<string | null>(null)
  const order = items.map((a) => a.id).join()
  useLayoutEffect(() => {
    const id = refocus.current
    refocus.current = null
    if (id && document.activeElement?.id !== id) document.getElementById(id)?.focus()
  }, [order])

  // Latest lists for the stable callbacks below, so rows stay memoised while the order changes.
  const latest = useRef({ items, catalog })
  useLayoutEffect(() => {
    latest.current = { items, catalog }
  })

  const moveTo = useCallback(
    (id: string, to: number) => {
      const { items: list, catalog: all } = latest.current
      const from = list.findIndex((a) => a.id === id)
      const neighbour = list[to]
      if (from === -1 || !neighbour || to === from) return
      refocus.current = document.activeElement?.id || null
      // Taking the neighbour's place in the whole catalog puts it just before (up) or after (down) it.
      move({ id, target: all.findIndex((a) => a.id === neighbour.id) })
      setAnnouncement(`«${list[from]!.name}» на месте ${to + 1} из ${list.length}`)
    },
    [move],
  )

  const onMove = useCallback(
    (id: string, delta: -1 | 1) => {
      moveTo(id, latest.current.items.findIndex((a) => a.id === id) + delta)
    },
    [moveTo],
  )

  const dragged = useRef<string | null>(null)
  const drag = useMemo<RowDrag>(() => {
    const end = () => {
      dragged.current = null
      setDragId(null)
      setOverId(null)
    }
    return {
      onDragStart: (id) => {
        dragged.current = id
        setDragId(id)
      },
      onDragOver: (id) => setOverId((prev) => (prev === id ? prev : id)),
      onDrop: (id) => {
        const from = dragged.current
        if (from)
          moveTo(
            from,
            latest.current.items.findIndex((a) => a.id === id),
          )
        end()
      },
      onDragEnd: end,
    }
  }, [moveTo])

  return (
    <>
      <ol aria-label="Параметры в порядке карточки" className="space-y-2">
        {items.map((a, i) => (
          <AttributeRow
            key={a.id}
            attribute={a}
            first={i === 0}
            last={i === items.length - 1}
            dragging={dragId === a.id}
            dropTarget={overId === a.id && dragId !== a.id}
            drag={drag}
            onMove={onMove}
          />
        ))}
      </ol>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  )
}
