/** Hands a file made or fetched in the page to the browser's downloads, as a link with `download` would. */
export function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Some browsers read the blob after click() returns: let them finish before it goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

const csvCell = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** Rows as a CSV for Excel in a Russian locale (";" between cells, a BOM for UTF-8), handed to the downloads. */
export const saveCsv = (rows: string[][], filename: string) =>
  saveFile(
    new Blob([`\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`], { type: 'text/csv' }),
    filename,
  )
