import { useRef, useState } from 'react'
import { toast } from 'sonner'
import { checkAttributeValue, type ClientAttribute } from '@shared/attributes'
import { draftOf } from '@/lib/attribute-format'
import { asksOverride, conflictOf, useRestoreValue, useSaveAttributeValue } from '@/features/client-card/api/attributes'
import type { AttributeProblem } from '@/features/client-card/components/attributes-problem'

export interface AttributeEditProps {
  clientId: string
  item: ClientAttribute
  /** Picked just now from "+ Параметр": opens with its input focused. */
  autoEdit: boolean
  /** Keeps the row on the card while the card is open, even if its value goes empty meanwhile. */
  onKeep: (id: string) => void
  /** An empty row the operator changed their mind about leaves the card again. */
  onDismiss: (id: string) => void
}

type Attempt = { value: string | null; version: number; typed: string | null }

/** How long «Вернуть» stays offered after «Очистить». */
const UNDO_CLEAR_MS = 8000

/**
 * One value's editing. The draft lives here, apart from the cached value, so a live update never
 * overwrites what the operator is typing; the version the edit started from goes with the save, so a
 * change made meanwhile by someone else comes back as a conflict instead of being lost.
 */
export function useAttributeEdit({ clientId, item, autoEdit, onKeep, onDismiss }: AttributeEditProps) {
  const save = useSaveAttributeValue(clientId)
  const restore = useRestoreValue(clientId)
  // A yes/no has no editor: picked from "+ Параметр", its switch shows at once and takes the focus.
  const switchOnly = item.type === 'boolean'
  const [draft, setDraft] = useState<string | null>(autoEdit && !switchOnly ? '' : null)
  const [base, setBase] = useState({ value: item.value, version: item.version })
  const [problem, setProblem] = useState<AttributeProblem | null>(null)
  const [attempt, setAttempt] = useState<Attempt | null>(null)
  // What takes the focus when it next mounts: the input on opening, the value after Enter or Esc.
  const focusNext = useRef<'editor' | 'value' | null>(autoEdit ? (switchOnly ? 'value' : 'editor') : null)
  const rowRef = useRef<HTMLLIElement>(null)
  // A focused input removed from the page may still report a blur: only an open editor saves on blur.
  const open = useRef(autoEdit && !switchOnly)
  // The latest save sent, answered with the value saved (or null if it failed); known at once, where the
  // mutation's own state reaches the next render.
  const latest = useRef<Promise<ClientAttribute | null> | null>(null)

  const edit = (text: string | null, focus: boolean) => {
    open.current = true
    setDraft(text ?? '')
    if (focus) focusNext.current = 'editor'
  }
  const close = (focusValue: boolean) => {
    open.current = false
    setDraft(null)
    setProblem(null)
    focusNext.current = focusValue ? 'value' : null
  }

  const send = ({
    value,
    version,
    typed,
    override = false,
    onSaved,
  }: {
    value: string | null
    version: number
    typed: string | null
    override?: boolean
    onSaved?: (saved: ClientAttribute) => void
  }) => {
    onKeep(item.id)
    setProblem(null)
    setAttempt({ value, version, typed })
    // The promise settles for every save; the callbacks only for the latest one still on the page.
    const saving = save
      .mutateAsync(
        { attributeId: item.id, value, version, override },
        {
          onSuccess: onSaved,
          onError: (error) => {
            const theirs = conflictOf(error)
            // The typed text comes back into the input; the focus too, if the operator is still on this row.
            if (item.type !== 'boolean') edit(typed, rowRef.current?.contains(document.activeElement) ?? false)
            setProblem(
              theirs
                ? { kind: 'conflict', mine: value, theirs }
                : asksOverride(error)
                  ? { kind: 'override', message: error.message }
                  : { kind: 'error', message: error.message, retry: true },
            )
          },
        },
      )
      .catch(() => null)
    latest.current = saving
    void saving.finally(() => {
      if (latest.current === saving) latest.current = null
    })
  }

  // The switch and "Очистить" save without an editor: the value shown now is what they change. Clicked
  // while a save of this value is on its way, they follow it, from the version it saved: sent at once,
  // they would come back as a conflict with the operator's own save.
  const fromView = (value: string | null, typed: string, onSaved?: (saved: ClientAttribute) => void) => {
    const from = (version: number) => {
      setBase({ value: item.value, version })
      send({ value, version, typed: value ?? typed, override: false, onSaved })
    }
    if (!latest.current) return from(item.version)
    void latest.current.then((saved) => {
      if (saved) from(saved.version)
    })
  }

  const commit = (text: string, via: 'enter' | 'blur') => {
    const checked = checkAttributeValue(item.type, item.options, text)
    if (!checked.ok) {
      edit(text, false)
      setProblem({ kind: 'error', message: checked.error })
      return
    }
    close(via === 'enter')
    // Nothing typed, or already there: no request, and no conflict over a value nobody changed here.
    if (checked.value === base.value || checked.value === item.value) return
    send({ value: checked.value, version: base.version, typed: text })
  }

  return {
    draft,
    problem,
    rowRef,
    focusNext,
    open,
    saving: save.isPending,
    savedVersion: save.data?.version,
    /** The value on its way: shown even if a refetch meanwhile brings the cache the older one. */
    sending: save.isPending ? save.variables : undefined,
    changedMeanwhile: draft !== null && item.version !== base.version && problem?.kind !== 'conflict',
    setDraft,
    start: () => {
      onKeep(item.id)
      setBase({ value: item.value, version: item.version })
      setProblem(null)
      edit(draftOf(item.type, item.value), true)
    },
    commit,
    cancel: () => {
      close(true)
      if (item.value === null && !item.pinned) onDismiss(item.id)
    },
    toggle: (next: string) => fromView(next, ''),
    // No confirmation, but a way back for a while: «Вернуть» in the toast writes the value again.
    clear: () => {
      const was = item.value
      fromView(
        null,
        '',
        (saved) =>
          was !== null &&
          toast(`Значение «${item.name}» удалено`, {
            duration: UNDO_CLEAR_MS,
            action: { label: 'Вернуть', onClick: () => void restore(item, was, saved.version) },
          }),
      )
    },
    retry: () =>
      draft === null && attempt
        ? send({ value: attempt.value, version: attempt.version, typed: null })
        : commit(draft ?? '', 'enter'),
    keepMine: (mine: string | null, theirs: ClientAttribute) => {
      // What is in the input now, if the operator went on typing after the conflict showed.
      const checked = draft === null ? null : checkAttributeValue(item.type, item.options, draft)
      const value = checked?.ok ? checked.value : mine
      setBase({ value: theirs.value, version: theirs.version })
      close(true)
      send({ value, version: theirs.version, typed: draft ?? value })
    },
    takeTheirs: () => close(true),
    /** Confirmed: the value an integration owns is changed from the panel all the same. */
    override: () => {
      if (!attempt) return
      close(true)
      send({ value: attempt.value, version: attempt.version, typed: attempt.typed, override: true })
    },
  }
}
