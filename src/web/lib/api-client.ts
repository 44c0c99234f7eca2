import type { z } from 'zod'
import type * as attributeContract from '@shared/attributes'
import type { tokenPairSchema } from '@shared/auth'
import type { errorSchema } from '@shared/common'
import { endSession, getAuth, updateTokens } from './auth-store'

// The client itself reads only errors and token pairs, checked by hand: zod, with the response schemas,
// loads with the screens that use them, not on the first screen (the bundle budget).
const errorBody = (v: unknown) =>
  v !== null && typeof v === 'object' && typeof (v as { error?: unknown }).error === 'string'
    ? (v as z.infer<typeof errorSchema>)
    : null

function tokenPair(v: unknown): z.infer<typeof tokenPairSchema> {
  const t = (v ?? {}) as Record<string, unknown>
  if (typeof t.token !== 'string' || typeof t.authToken !== 'string' || typeof t.refreshToken !== 'string') {
    throw new ApiError(500, 'Сервер ответил не так, как ожидалось')
  }
  return { token: t.token, authToken: t.authToken, refreshToken: t.refreshToken }
}

type FieldError = { path: string; message: string }

/** Any failed call: the HTTP status (0 when the server was not reached) and a message a person can read. */
export class ApiError extends Error {
  readonly status: number
  readonly details: unknown

  constructor(status: number, message: string, details: unknown = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.details = details
  }

  /** The contract's 400 details: `{ path, message }` per field. */
  get fieldErrors(): FieldError[] {
    return Array.isArray(this.details) ? (this.details as FieldError[]) : []
  }
}

// Spelled out rather than imported: a value import would pull every attribute schema into the first
// screen's bundle. The type still ties it to the contract, so renaming the header fails the typecheck.
const CLIENT_HEADER: typeof attributeContract.CLIENT_HEADER = 'x-kartoteka-client'

const EXPIRED_TOKEN = 'Token is expired.'

// The service answers token errors in English (as TWIN does); people read them in Russian.
const knownMessages: Record<string, string> = {
  [EXPIRED_TOKEN]: 'Срок действия входа истёк, войдите снова',
  'Invalid token.': 'Токен недействителен, войдите снова',
}

const statusMessages: Record<number, string> = {
  400: 'Некорректный запрос',
  401: 'Нужно войти заново',
  403: 'Недостаточно прав для этого действия',
  404: 'Не найдено',
  409: 'Данные изменились, обновите страницу',
  413: 'Слишком большой запрос',
  429: 'Слишком много запросов, подождите немного',
}

type QueryValue = string | number | boolean | null | undefined
/**
 * An array repeats the parameter (`tagId=a&tagId=b`), as the list filters expect. Empty strings are
 * dropped; a URLSearchParams goes out as is, for filters where an empty value means something
 * (`attr.<id>=`, "not filled in").
 */
type Query = Record<string, QueryValue | readonly QueryValue[]> | URLSearchParams

interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  headers?: Record<string, string>
  /** `false` for public routes (sign-in); explicit credentials to check a pasted token before keeping it. */
  auth?: false | { baseUrl: string; authToken: string }
}

function apiUrl(path: string, query: Query = {}, baseUrl = getAuth().baseUrl) {
  const params = new URLSearchParams(query instanceof URLSearchParams ? query : undefined)
  for (const [key, values] of query instanceof URLSearchParams ? [] : Object.entries(query)) {
    for (const value of [values].flat()) {
      if (value !== undefined && value !== null && value !== '') params.append(key, String(value))
    }
  }
  const search = params.toString()
  return `${baseUrl}${path}${search ? `?${search}` : ''}`
}

async function send({
  method,
  path,
  opts,
  token,
  baseUrl,
}: {
  method: string
  path: string
  opts: RequestOptions
  token: string | null
  baseUrl: string
}) {
  // The header lets the service record the panel, not an integration, as the source of a change.
  const headers: Record<string, string> = { accept: 'application/json', [CLIENT_HEADER]: 'panel', ...opts.headers }
  if (token) headers.authorization = `Bearer ${token}`
  // A file (an import) goes as it is, with the type its caller names; anything else as JSON.
  const file = opts.body instanceof Blob
  if (opts.body !== undefined && !file) headers['content-type'] = 'application/json'
  try {
    return await fetch(apiUrl(path, opts.query, baseUrl), {
      method,
      headers,
      signal: opts.signal,
      body: opts.body === undefined ? undefined : file ? (opts.body as Blob) : JSON.stringify(opts.body),
    })
  } catch (err) {
    if (opts.signal?.aborted) throw err
    throw new ApiError(0, 'Нет связи с сервером. Проверьте подключение и попробуйте ещё раз')
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  const parsed = errorBody(await res.json().catch(() => null))
  if (parsed) return new ApiError(res.status, knownMessages[parsed.error] ?? parsed.error, parsed.details ?? null)
  const fallback =
    statusMessages[res.status] ??
    (res.status >= 500 ? 'Сервер не отвечает как нужно, попробуйте позже' : `Ошибка ${res.status}`)
  return new ApiError(res.status, fallback)
}

let refreshing: Promise<boolean> | null = null

/** Trades the refresh token for a new pair once, however many requests found the token expired at the same time. */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const { refreshToken, baseUrl } = getAuth()
    if (!refreshToken) return false
    const res = await send({
      method: 'POST',
      path: '/auth/refresh',
      opts: { body: { refreshToken } },
      token: null,
      baseUrl,
    })
    // A refused refresh token ends the session; a server in trouble does not.
    if (res.status >= 500) throw await toApiError(res)
    if (!res.ok) return false
    updateTokens(tokenPair(await res.json()))
    return true
  })().finally(() => {
    refreshing = null
  })
  return refreshing
}

/** The token's lifetime from its own claims, in ms since the epoch; null for one that does not say. */
function lifetimeOf(token: string): { issued: number; expires: number } | null {
  try {
    const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      iat?: unknown
      exp?: unknown
    }
    if (typeof claims.exp !== 'number') return null
    return {
      issued: typeof claims.iat === 'number' ? claims.iat * 1000 : claims.exp * 1000 - 900_000,
      expires: claims.exp * 1000,
    }
  } catch {
    return null
  }
}

/**
 * How long until the signed-in token should be traded for a new one: a minute before it ends (a quarter of
 * its life for a short one). Null when it cannot be: no refresh token (a pasted API token), or no expiry.
 */
export function msUntilRenewal(): number | null {
  const { authToken, refreshToken } = getAuth()
  const life = authToken && refreshToken ? lifetimeOf(authToken) : null
  if (!life) return null
  const margin = Math.min(60_000, (life.expires - life.issued) / 4)
  return Math.max(0, life.expires - margin - Date.now())
}

/**
 * A long-lived request (the live-updates stream) renews a token about to end before it starts, rather
 * than being refused with 401 and retried. A failed renewal is left to the 401 path.
 */
export async function renewIfEnding(): Promise<void> {
  if (msUntilRenewal() === 0) await refreshSession().catch(() => false)
}

/**
 * fetch with the session's token. An expired token is refreshed once and the call repeated; when that
 * fails the session ends, and the panel sends the person to sign-in, to come back where they were.
 */
export async function authorizedFetch(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  if (opts.auth === false) return send({ method, path, opts, token: null, baseUrl: getAuth().baseUrl })
  if (opts.auth) return send({ method, path, opts, token: opts.auth.authToken, baseUrl: opts.auth.baseUrl })
  const { authToken, baseUrl } = getAuth()
  const res = await send({ method, path, opts, token: authToken, baseUrl })
  if (res.status !== 401 || !authToken) return res
  const expired =
    errorBody(
      await res
        .clone()
        .json()
        .catch(() => null),
    )?.error === EXPIRED_TOKEN
  const current = getAuth().authToken
  // Another request may have refreshed the token while this one was on its way.
  const renewed = current !== null && current !== authToken
  if (renewed || (expired && (await refreshSession()))) {
    const retry = await send({ method, path, opts, token: getAuth().authToken, baseUrl })
    if (retry.status !== 401) return retry
  }
  endSession('expired')
  return res
}

async function request<S extends z.ZodType>(method: string, path: string, schema: S, opts: RequestOptions = {}) {
  const res = await authorizedFetch(method, path, opts)
  if (!res.ok) throw await toApiError(res)
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => null)
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new ApiError(res.status, 'Сервер ответил в неожиданном формате', parsed.error.issues)
  return parsed.data as z.output<S>
}

/** `attachment; filename="clients-2024-05-01.csv"` → the name; null when the header has none. */
function filenameOf(disposition: string | null): string | null {
  const match = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)
  return match?.[1] ? decodeURIComponent(match[1]) : null
}

/**
 * A file the service builds (the CSV export), read whole into a Blob. A plain link cannot carry the
 * Bearer header, so the panel fetches the file itself and hands the browser a blob URL.
 */
async function download(path: string, opts: RequestOptions = {}) {
  const res = await authorizedFetch('GET', path, { ...opts, headers: { accept: '*/*', ...opts.headers } })
  if (!res.ok) throw await toApiError(res)
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) }
}

/** The one way the panel talks to the chat service: every answer is checked against the shared contract. */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, opts?: RequestOptions) => request('GET', path, schema, opts),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown, opts?: RequestOptions) =>
    request('POST', path, schema, { ...opts, body }),
  put: <S extends z.ZodType>(path: string, schema: S, body?: unknown, opts?: RequestOptions) =>
    request('PUT', path, schema, { ...opts, body }),
  patch: <S extends z.ZodType>(path: string, schema: S, body?: unknown, opts?: RequestOptions) =>
    request('PATCH', path, schema, { ...opts, body }),
  delete: <S extends z.ZodType>(path: string, schema: S, opts?: RequestOptions) =>
    request('DELETE', path, schema, opts),
  download,
}
