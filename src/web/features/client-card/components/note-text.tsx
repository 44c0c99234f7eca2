import { useState } from 'react'
import { cn } from '@/lib/cn'

const LINK = /(https?:\/\/[^\s<>"'«»]+[^\s<>"'«».,;:!?)])/g
/** A note longer than this (in lines, or in characters of about that many lines of the card) starts folded. */
const FOLDED_LINES = 12
const FOLDED_CHARS = FOLDED_LINES * 60

/**
 * A note as written: line breaks kept, links clickable (http and https only), everything else plain text.
 * A long one shows its first 12 lines and «Показать полностью», so one note does not push the card away.
 */
export function NoteText({ body }: { body: string }) {
  const long = body.split('\n').length > FOLDED_LINES || body.length > FOLDED_CHARS
  const [folded, setFolded] = useState(long)
  return (
    <>
      <p className={cn('text-sm break-words whitespace-pre-wrap text-slate-800', folded && 'line-clamp-12')}>
        {body.split(LINK).map((part, i) =>
          i % 2 ? (
            <a key={i} href={part} target="_blank" rel="noopener noreferrer" className="text-blue-800 underline">
              {part}
            </a>
          ) : (
            part
          ),
        )}
      </p>
      {long && (
        <button
          type="button"
          aria-expanded={!folded}
          className="text-xs text-blue-800 underline"
          onClick={() => setFolded(!folded)}
        >
          {folded ? 'Показать полностью' : 'Свернуть'}
        </button>
      )}
    </>
  )
}
