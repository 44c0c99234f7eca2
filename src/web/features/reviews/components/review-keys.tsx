const keys: [string[], string][] = [
  [['j', '↓'], 'следующая карточка'],
  [['k', '↑'], 'предыдущая карточка'],
  [['Enter'], 'открыть клиента'],
  [['x', 'Ctrl+Enter'], 'отметить «Проверено»'],
]

/** The queue's keys, on the page itself: nobody should have to guess them. */
export function ReviewKeys() {
  return (
    <section
      aria-labelledby="review-keys-heading"
      className="rounded-lg bg-slate-50 p-3 text-xs text-slate-700 ring-1 ring-slate-200"
    >
      <h2 id="review-keys-heading" className="mb-1.5 font-semibold text-slate-800">
        Клавиши
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {keys.map(([combos, what]) => (
          <div key={what} className="contents">
            <dt className="space-x-1">
              {combos.map((k, i) => (
                <span key={k}>
                  {i > 0 && <span className="text-slate-500">или </span>}
                  <kbd className="rounded border border-slate-300 bg-white px-1 font-mono">{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-1.5 text-slate-600">
        Буквы — на английской раскладке; на русской работают те же клавиши (о, л, ч).
      </p>
    </section>
  )
}
