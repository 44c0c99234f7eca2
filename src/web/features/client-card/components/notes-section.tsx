import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { COMMENT_EDIT_MINUTES, MAX_COMMENT_LENGTH, type Comment } from '@shared/comments'
import { Button } from '@/components/ui/button'
import { Textarea } from '@/components/ui/input'
import { LoadMore } from '@/components/ui/load-more'
import { Spinner } from '@/components/ui/spinner'
import { ErrorState } from '@/components/ui/states'
import { formatDateTime } from '@/lib/dates'
import { meQuery } from '@/lib/me'
import { useAltShortcut } from '@/lib/use-alt-shortcut'
import { useMinuteTick } from '@/lib/use-minute-tick'
import { notesQuery, useNoteMutations, type NoteTarget } from '@/features/client-card/api/comments'
import { NoteText } from './note-text'

/** Unsent notes by target, kept while the operator moves between dialogues (for as long as the panel is open). */
const drafts = new Map<string, string>()
const keyOf = (t: NoteTarget) => (t.kind === 'client' ? `client:${t.clientId}` : `session:${t.sessionId}`)
/** Still within the minutes its author may change it in (the list re-renders each minute). */
const isFresh = (note: Comment) => Date.now() - Date.parse(note.createdAt) < COMMENT_EDIT_MINUTES * 60_000

function NoteItem({ note, target }: { note: Comment; target: NoteTarget }) {
  const me = useQuery(meQuery()).data
  const { edit, remove } = useNoteMutations(target)
  const [editing, setEditing] = useState<string | null>(null)
  const fresh = isFresh(note)
  const mine = note.author?.id === me?.id
  const error = edit.error ?? remove.error
  return (
    <li className="space-y-1 py-2">
      <p className="text-xs text-slate-600">
        {note.author?.name ?? 'Сотрудник удалён'} · {formatDateTime(note.createdAt)}
        {note.updatedAt && ' · изменена'}
      </p>
      {editing === null ? (
        <NoteText body={note.body} />
      ) : (
        <Textarea
          aria-label="Текст заметки"
          rows={3}
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
          maxLength={MAX_COMMENT_LENGTH}
        />
      )}
      <div className="flex gap-1">
        {mine && fresh && editing === null && (
          <Button variant="ghost" size="sm" onClick={() => setEditing(note.body)}>
            Изменить
          </Button>
        )}
        {editing !== null && (
          <>
            <Button
              size="sm"
              disabled={edit.isPending}
              onClick={() => edit.mutate({ id: note.id, body: editing }, { onSuccess: () => setEditing(null) })}
            >
              {edit.isPending && <Spinner />} Сохранить
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setEditing(null)}>
              Отмена
            </Button>
          </>
        )}
        {((mine && fresh) || me?.role !== 'operator') && editing === null && (
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Удалить заметку от ${formatDateTime(note.createdAt)}`}
            disabled={remove.isPending}
            onClick={() => remove.mutate(note.id)}
          >
            Удалить
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      )}
    </li>
  )
}

function NoteList({ title, target }: { title: string; target: NoteTarget }) {
  const notes = useInfiniteQuery(notesQuery(target))
  useMinuteTick()
  const items = notes.data?.pages.flatMap((p) => p.items) ?? []
  if (notes.isError) return <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />
  if (items.length === 0) return null
  return (
    <div>
      <h4 className="text-xs font-semibold text-slate-600 uppercase">{title}</h4>
      <ul aria-label={title} className="divide-y divide-slate-100">
        {items.map((n) => (
          <NoteItem key={n.id} note={n} target={target} />
        ))}
      </ul>
      <LoadMore pages={notes} className="w-full" />
    </div>
  )
}

/** The field for a new note; its text is kept per target when the operator leaves and comes back. */
function NoteComposer({
  target,
  inputRef,
}: {
  target: NoteTarget
  inputRef: React.RefObject<HTMLTextAreaElement | null>
}) {
  const key = keyOf(target)
  const [text, setText] = useState(() => drafts.get(key) ?? '')
  const { add } = useNoteMutations(target)
  const change = (value: string) => {
    setText(value)
    drafts.set(key, value)
  }
  const submit = (e?: FormEvent) => {
    e?.preventDefault()
    add.mutate(text, { onSuccess: () => change('') })
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit()
  }
  return (
    <form onSubmit={submit} className="space-y-1.5">
      <Textarea
        ref={inputRef}
        aria-label="Новая заметка"
        rows={2}
        value={text}
        maxLength={MAX_COMMENT_LENGTH}
        placeholder="Заметка для коллег (Ctrl+Enter — сохранить)"
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {add.isError && (
        <p role="alert" className="text-sm text-red-700">
          {add.error.message}
        </p>
      )}
      <Button type="submit" size="sm" disabled={add.isPending || !text.trim()}>
        {add.isPending && <Spinner />} Сохранить заметку
      </Button>
    </form>
  )
}

/**
 * "Заметки": notes about the client (in every dialogue with them) and, in a dialogue, about this dialogue
 * only. Alt+M puts the cursor in the field.
 */
export function NotesSection({ clientId, sessionId }: { clientId: string; sessionId?: string }) {
  const [about, setAbout] = useState<'client' | 'session'>('client')
  const inputRef = useRef<HTMLTextAreaElement>(null)
  useAltShortcut('KeyM', () => inputRef.current?.focus())
  const clientTarget: NoteTarget = { kind: 'client', clientId }
  const sessionTarget: NoteTarget | null = sessionId ? { kind: 'session', sessionId } : null
  const target = about === 'session' && sessionTarget ? sessionTarget : clientTarget
  return (
    <section aria-labelledby="notes-heading" className="space-y-2">
      <h3 id="notes-heading" className="text-sm font-semibold text-slate-800">
        Заметки
      </h3>
      {sessionTarget && (
        <fieldset className="flex gap-3 text-sm text-slate-800">
          <legend className="sr-only">О чём заметка</legend>
          {(['client', 'session'] as const).map((a) => (
            <label key={a} className="flex items-center gap-1.5">
              <input
                type="radio"
                name={`note-about-${clientId}`}
                checked={about === a}
                onChange={() => setAbout(a)}
                className="accent-blue-700"
              />
              {a === 'client' ? 'о клиенте' : 'об этом диалоге'}
            </label>
          ))}
        </fieldset>
      )}
      <NoteComposer key={keyOf(target)} target={target} inputRef={inputRef} />
      {sessionTarget && <NoteList title="Об этом диалоге" target={sessionTarget} />}
      <NoteList title="О клиенте" target={clientTarget} />
    </section>
  )
}
