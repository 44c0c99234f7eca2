import { ArrowDown, ArrowUp, GripVertical, Pin } from 'lucide-react'
import { memo, type DragEvent, type KeyboardEvent } from 'react'
import { attributeTypeLabels, editorLabels, hasOptions, type Attribute } from '@shared/attributes'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/cn'
import { ArchiveAttributeButton } from './archive-attribute-button'
import { EditAttributeDialog } from './edit-attribute-dialog'
import { usageLabel } from './usage-label'

export interface RowDrag {
  onDragStart: (id: string) => void
  onDragOver: (id: string) => void
  onDrop: (id: string) => void
  onDragEnd: () => void
}

interface AttributeRowProps {
  attribute: Attribute
  first: boolean
  last: boolean
  dragging: boolean
  dropTarget: boolean
  drag: RowDrag
  onMove: (id: string, delta: -1 | 1) => void
}

// aria-disabled rather than disabled: a button that moved to the edge keeps the keyboard focus.
const moveButton = (edge: boolean) => cn(edge && 'opacity-40 cursor-not-allowed')

export const AttributeRow = memo(function AttributeRow({
  attribute: a,
  first,
  last,
  dragging,
  dropTarget,
  drag,
  onMove,
}: AttributeRowProps) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return
    e.preventDefault()
    onMove(a.id, e.key === 'ArrowUp' ? -1 : 1)
  }
  const over = (e: DragEvent) => {
    e.preventDefault()
    e.dataTransfer.dropEffect = 'move'
    drag.onDragOver(a.id)
  }

  return (
    <li
      draggable
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move'
        e.dataTransfer.setData('text/plain', a.id)
        drag.onDragStart(a.id)
      }}
      onDragOver={over}
      onDrop={(e) => (e.preventDefault(), drag.onDrop(a.id))}
      onDragEnd={drag.onDragEnd}
      onKeyDown={onKeyDown}
      className={cn(
        'flex items-start gap-3 rounded-md bg-white p-3 ring-1 ring-slate-200',
        dragging && 'opacity-50',
        dropTarget && 'ring-2 ring-blue-600',
      )}
    >
      <GripVertical aria-hidden className="mt-0.5 size-4 shrink-0 cursor-grab text-slate-400" />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium break-words text-slate-900">{a.name}</span>
          <Badge>{attributeTypeLabels[a.type]}</Badge>
          {a.pinned && (
            <Badge tone="green">
              <Pin aria-hidden className="mr-1 size-3" /> всегда показывать
            </Badge>
          )}
          {!a.visibleTo.includes('operator') && <Badge tone="red">не видят операторы</Badge>}
          {a.editableBy !== 'all' && <Badge>меняют: {editorLabels[a.editableBy]}</Badge>}
          {a.requiredToClose && (
            <Badge tone="blue">
              обязателен при закрытии{a.requiredChatIds.length ? ` (каналов: ${a.requiredChatIds.length})` : ''}
            </Badge>
          )}
        </p>
        {a.description && <p className="text-sm break-words text-slate-700">{a.description}</p>}
        {hasOptions(a.type) && <p className="text-xs break-words text-slate-600">Варианты: {a.options.join(', ')}</p>}
        <p className="text-xs text-slate-600">{usageLabel(a.usageCount)}</p>
      </div>
      <div className="flex shrink-0 items-center gap-0.5">
        <Button
          id={`attribute-${a.id}-up`}
          variant="ghost"
          size="sm"
          aria-label={`Выше: ${a.name}`}
          title="Выше (Alt+↑)"
          aria-disabled={first}
          className={moveButton(first)}
          onClick={() => !first && onMove(a.id, -1)}
        >
          <ArrowUp aria-hidden className="size-4" />
        </Button>
        <Button
          id={`attribute-${a.id}-down`}
          variant="ghost"
          size="sm"
          aria-label={`Ниже: ${a.name}`}
          title="Ниже (Alt+↓)"
          aria-disabled={last}
          className={moveButton(last)}
          onClick={() => !last && onMove(a.id, 1)}
        >
          <ArrowDown aria-hidden className="size-4" />
        </Button>
        <EditAttributeDialog attribute={a} />
        <ArchiveAttributeButton attribute={a} />
      </div>
    </li>
  )
})
