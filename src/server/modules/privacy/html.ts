// Printable Russian documents (a person's data, an act): plain HTML with the values escaped, read on screen
// or printed from the browser.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const esc = (v: unknown) => String(v ?? '—').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)

/** A moment as a person reads it, in the company's time zone: «06.12.2026, 14:05». */
export const moment = (iso: string | null, timeZone: string) =>
  iso ? new Date(iso).toLocaleString('ru-RU', { timeZone, dateStyle: 'short', timeStyle: 'short' }) : '—'

export const day = (iso: string, timeZone: string) => new Date(iso).toLocaleDateString('ru-RU', { timeZone })

/** A table of `rows`, each already escaped cell HTML; a line saying there is nothing when empty. */
export function table(head: string[], rows: string[][]) {
  if (rows.length === 0) return '<p class="none">Нет</p>'
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('')
  const tr = rows.map((r) => `<tr>${r.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n')
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`
}

export function page(title: string, body: string) {
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;color:#111;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.35rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}.none{color:#444}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
.sign{margin-top:3rem;display:flex;gap:4rem}@media print{body{margin:0}h2{break-after:avoid}}
</style></head><body>
${body}
</body></html>`
}

export const fields = (pairs: [string, string][]) =>
  `<dl>${pairs.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`
