import { Lock, X } from 'lucide-react'
import { memo, useId, type FocusEvent, type MouseEvent } from 'react'
import { cn } from '@/lib/cn'
import { useChangeMark } from '@/features/client-card/hooks/use-change-mark'
import { useAttributeEdit, type AttributeEditProps } from '@/features/client-card/hooks/use-attribute-edit'
import { AttributesEditor } from './attributes-editor'
import { editorLabels } from '@shared/attributes'
import { formatAttributeValue } from '@/lib/attribute-format'
import { AttributesHistory } from './attributes-history'
import { AttributesProblem } from './attributes-problem'
import { AttributesValue } from './attributes-value'

const keepFocus = (e: MouseEvent) => e.preventDefault()
const iconButton = 'rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800'

/**
 * One attribute on the card. Memoised, and the only owner of its draft: typing re-renders this row, not
 * the card's other rows (200 of them in the benchmark).
 */
/** `neededToClose`: empty, and the dialogue's close needs it. */
export const AttributesRow = memo(function AttributesRow({
  neededToClose,
  ...props
}: AttributeEditProps & { neededToClose?: boolean }) {
  const { clientId, item } = props
  const edit = useAttributeEdit(props)
  const marked = useChangeMark(item.version, edit.saving || edit.savedVersion === item.version)
  const problemId = `${useId()}-problem`
  const sending = edit.sending
  const shown = sending && sending.value !== item.value ? { ...item, value: sending.value } : item
  const focusOnMount = (target: 'editor' | 'value') => (el: HTMLElement | null) => {
    if (el && edit.focusNext.current === target) {
      edit.focusNext.current = null
      el.focus()
    }
  }
  const onBlur = (ev: FocusEvent<HTMLDivElement>) => {
    const next = ev.relatedTarget as HTMLElement | null
    if (ev.currentTarget.contains(next) || next?.closest('[data-part-of-field]')) return
    // A conflict waits for the operator's choice; leaving the field does not decide it.
    if (edit.open.current && edit.draft !== null && edit.problem?.kind !== 'conflict') edit.commit(edit.draft, 'blur')
  }

  return (
    <li
      ref={edit.rowRef}
      // Rows scrolled out of the panel skip style and layout until shown (still found by search and
      // screen readers): a long card opens faster (bench/card-render-browser.ts).
      className={cn(
        'rounded-md px-1 py-1 [contain-intrinsic-size:auto_3.5rem] [content-visibility:auto]',
        'motion-safe:transition-colors motion-safe:duration-700',
        marked && 'bg-amber-100',
      )}
    >
      <div className="flex items-center gap-1">
        <span
          className="min-w-0 flex-1 truncate text-xs font-medium text-slate-600"
          title={item.description ?? item.name}
        >
          {item.name}
        </span>
        {edit.saving && (
          <span role="status" className="text-xs text-slate-500">
            Сохраняем…
          </span>
        )}
        {marked && <span className="text-xs text-amber-800">изменено</span>}
        {neededToClose && <span className="text-xs font-medium text-amber-800">нужно до закрытия</span>}
        {item.version > 0 && <AttributesHistory clientId={clientId} item={item} />}
        {item.value !== null && edit.draft === null && item.canEdit && (
          <button
            type="button"
            aria-label={`Очистить: ${item.name}`}
            title="Очистить"
            className={iconButton}
            onClick={edit.clear}
          >
            <X aria-hidden className="size-3.5" />
          </button>
        )}
      </div>
      {!item.canEdit ? (
        // Read only for this role: the value, and a lock that says who changes it.
        <p className="flex items-center gap-1.5 px-1.5 py-1 text-sm break-words text-slate-800">
          <span className="min-w-0 flex-1">{formatAttributeValue(item.type, item.value)}</span>
          <Lock
            role="img"
            aria-label={`Меняют ${editorLabels[item.editableBy]}`}
            className="size-3.5 shrink-0 text-slate-500"
          >
            <title>{`Меняют ${editorLabels[item.editableBy]}`}</title>
          </Lock>
        </p>
      ) : edit.draft === null ? (
        <AttributesValue item={shown} onEdit={edit.start} onToggle={edit.toggle} editRef={focusOnMount('value')} />
      ) : (
        <div onBlur={onBlur} className="space-y-1">
          <AttributesEditor
            item={item}
            draft={edit.draft}
            onDraft={edit.setDraft}
            onCommit={(text) => edit.commit(text, 'enter')}
            onCancel={edit.cancel}
            inputRef={focusOnMount('editor')}
            describedBy={edit.problem ? problemId : undefined}
            invalid={edit.problem?.kind === 'error'}
          />
          {edit.changedMeanwhile && (
            <p className="text-xs text-amber-800">Значение изменилось: {formatAttributeValue(item.type, item.value)}</p>
          )}
          <div className="flex items-center gap-2 text-xs text-slate-500">
            <span className="flex-1">{item.description ?? 'Enter — сохранить, Esc — отменить'}</span>
            <button
              type="button"
              aria-label={`Очистить: ${item.name}`}
              className="underline hover:text-slate-800"
              onMouseDown={keepFocus}
              onClick={() => edit.commit('', 'enter')}
            >
              Очистить
            </button>
          </div>
        </div>
      )}
      {edit.problem && (
        <AttributesProblem
          id={problemId}
          item={item}
          problem={edit.problem}
          onRetry={edit.retry}
          onKeepMine={edit.keepMine}
          onTakeTheirs={edit.takeTheirs}
          onOverride={edit.override}
        />
      )}
    </li>
  )
})
