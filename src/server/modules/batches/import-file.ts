import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_MB } from '@shared/imports'
import { HttpError } from '../../http/errors'

const LIMIT = MAX_IMPORT_MB * 1024 * 1024
/** Enough of the file to tell its encoding and its separator by. */
const SNIFF_BYTES = 64 * 1024

export const tooLarge = () =>
  new HttpError(413, `Файл больше ${MAX_IMPORT_MB} МБ: разделите его на части`, [
    { path: 'body', message: `не больше ${MAX_IMPORT_MB} МБ` },
  ])
const notText = (why: string) =>
  new HttpError(
    400,
    `Файл не похож на CSV: ${why}. Сохраните его как «CSV UTF-8» или «CSV (разделители — точки с запятой)»`,
    [{ path: 'body', message: why }],
  )

/** At most LIMIT bytes, in chunks as they arrive; more is a 413 (the upload is not read to its end). */
async function* limited(body: AsyncIterable<Buffer>) {
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > LIMIT) throw tooLarge()
    yield chunk
  }
}

/** The first chunks joined up to SNIFF_BYTES, and the rest of the stream after them. */
async function sniff(chunks: AsyncGenerator<Buffer>) {
  const head: Buffer[] = []
  let size = 0
  while (size < SNIFF_BYTES) {
    const next = await chunks.next()
    if (next.done) break
    head.push(next.value)
    size += next.value.length
  }
  return Buffer.concat(head)
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** The encodings read; `ascii` is a file whose start has no other byte, so either of the two may follow. */
type Encoding = 'utf-8' | 'windows-1251' | 'ascii'

/**
 * UTF-8 (with or without a BOM) or, when the file is not valid UTF-8, Windows-1251 (what Excel in a
 * Russian locale saves as "CSV"). UTF-16 and binary files (NUL bytes) are refused.
 */
function encodingOf(head: Buffer): Encoding {
  if (head.subarray(0, 3).equals(BOM)) return 'utf-8'
  if (head.includes(0)) throw notText(head[0] === 0xff || head[0] === 0xfe ? 'файл в UTF-16' : 'в нём двоичные данные')
  if (head.every((b) => b < 0x80)) return 'ascii'
  try {
    // `stream: true`: a character cut at the end of the sniffed part is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return 'utf-8'
  } catch {
    return 'windows-1251'
  }
}

/**
 * The text of the upload, decoded as it streams in. A file that starts in plain ASCII is decided at its first
 * other byte, however far in: its encoding comes from the whole file, not from a guess at its start.
 */
async function* decoded(head: Buffer, rest: AsyncGenerator<Buffer>, encoding: Encoding) {
  let decoder: TextDecoder | null =
    encoding === 'ascii' ? null : new TextDecoder(encoding, { fatal: true, ignoreBOM: false })
  let offset = 0
  const decode = (chunk: Buffer, stream: boolean) => {
    if (!decoder) {
      if (chunk.every((b) => b < 0x80)) return chunk.toString('latin1')
      decoder = new TextDecoder(encodingOf(chunk) === 'windows-1251' ? 'windows-1251' : 'utf-8', { fatal: true })
    }
    try {
      return decoder.decode(chunk, { stream })
    } catch {
      throw notText(
        `после ${offset} байт идут символы не в кодировке ${decoder.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1251'}`,
      )
    }
  }
  yield decode(head, true)
  offset = head.length
  for await (const chunk of rest) {
    yield decode(chunk, true)
    offset += chunk.length
  }
  if (decoder) yield decode(Buffer.alloc(0), false)
}

const tooManyColumns = () =>
  new HttpError(
    400,
    `В файле больше ${MAX_IMPORT_COLUMNS} столбцов: столько параметров не бывает, проверьте разделитель`,
    [{ path: 'body', message: `не больше ${MAX_IMPORT_COLUMNS} столбцов` }],
  )

/**
 * `;`, `,` or a tab: whichever the header line has most of outside quotes (`;` when none). A header with more
 * than MAX_IMPORT_COLUMNS of them is refused before anything is parsed.
 */
function separatorOf(text: string) {
  const counts = new Map([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ])
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  const [separator, count] = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))
  if (count >= MAX_IMPORT_COLUMNS) throw tooManyColumns()
  return separator
}

/**
 * The records of an uploaded CSV, one array of cells per line, read as the upload streams in: memory holds
 * about one chunk, whatever the file's size. Throws 413 past MAX_IMPORT_MB and 400 for a file that is not
 * text in UTF-8 or Windows-1251 or that cannot be parsed as CSV.
 */
export async function* csvRecords(body: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  const chunks = limited(body)
  const head = await sniff(chunks)
  const encoding = encodingOf(head)
  const text = decoded(head, chunks, encoding)
  const first = (await text.next()).value ?? ''
  const source = Readable.from(
    (async function* () {
      yield first
      yield* text
    })(),
    { objectMode: false },
  )
  const parser = source.pipe(
    parse({
      delimiter: separatorOf(first.replace(/^\uFEFF/, '')),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A line is at most MAX_IMPORT_COLUMNS cells: one longer than this is no client's card.
      max_record_size: 4 * 1024 * 1024,
    }),
  )
  // pipe() does not pass the source's errors on (a 413, a bad byte): the parser fails with them.
  source.on('error', (err) => parser.destroy(err))
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (record.length > MAX_IMPORT_COLUMNS) throw tooManyColumns()
      yield record
    }
  } catch (err) {
    if (err instanceof HttpError) throw err
    const { code, lines } = err as { code?: string; lines?: number }
    const why =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'не закрыта кавычка'
        : code === 'CSV_MAX_RECORD_SIZE'
          ? 'строка длиннее 4 МБ'
          : 'неверные кавычки'
    throw new HttpError(400, `CSV не разобрать около строки ${lines ?? '?'}: ${why}`, [
      { path: 'body', message: String(code ?? 'CSV') },
    ])
  } finally {
    source.destroy()
  }
}
