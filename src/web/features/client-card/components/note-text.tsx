const LINK = /(https?:\/\/[^\s<>"'«»]+[^\s<>"'«».,;:!?)])/g

/** A note as written: line breaks kept, links clickable (http and https only), everything else plain text. */
export function NoteText({ body }: { body: string }) {
  return (
    <p className="text-sm break-words whitespace-pre-wrap text-slate-800">
      {body.split(LINK).map((part, i) => (i % 2
        ? <a key={i} href={part} target="_blank" rel="noopener noreferrer" className="text-blue-800 underline">{part}</a>
        : part))}
    </p>
  )
}
