import { useSyncExternalStore } from 'react'

export const DEFAULT_BASE_URL = '/api/v1'
const STORAGE_KEY = 'kartoteka.auth'

interface AuthState {
  /** Where the chat service lives: this origin's `/api/v1`, or another service set on the "Токен" tab. */
  baseUrl: string
  authToken: string | null
  refreshToken: string | null
  /** Why the last session ended; an expired one sends the person back to where they were after sign-in. */
  ended: 'expired' | 'signed-out' | null
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null)

/** What the browser kept; anything damaged or missing reads as not signed in (checked by hand: no zod on the first screen). */
function load(): AuthState {
  let raw: Record<string, unknown> = {}
  try {
    raw = { ...JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') }
  } catch {
    // A damaged entry is the same as none: the person signs in again.
  }
  return {
    baseUrl: text(raw.baseUrl) ?? DEFAULT_BASE_URL,
    authToken: text(raw.authToken),
    refreshToken: text(raw.refreshToken),
    ended: null,
  }
}

let state = load()
const listeners = new Set<() => void>()

function set(next: AuthState) {
  state = next
  const { baseUrl, authToken, refreshToken } = next
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ baseUrl, authToken, refreshToken }))
  listeners.forEach((listener) => listener())
}

// Signing out (or in) in one tab does the same in the others.
window.addEventListener('storage', (e) => {
  if (e.key !== STORAGE_KEY) return
  state = load()
  listeners.forEach((listener) => listener())
})

export const getAuth = () => state

function subscribeAuth(listener: () => void) {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

export const useAuth = () => useSyncExternalStore(subscribeAuth, getAuth)

export const normalizeBaseUrl = (url: string) => url.trim().replace(/\/+$/, '') || DEFAULT_BASE_URL

export function startSession(session: { baseUrl?: string; authToken: string; refreshToken: string | null }) {
  set({
    baseUrl: normalizeBaseUrl(session.baseUrl ?? state.baseUrl),
    authToken: session.authToken,
    refreshToken: session.refreshToken,
    ended: null,
  })
}

export const updateTokens = (pair: { authToken: string; refreshToken: string }) => set({ ...state, ...pair })

export const endSession = (reason: 'expired' | 'signed-out') =>
  set({ ...state, authToken: null, refreshToken: null, ended: reason })

export const setBaseUrl = (baseUrl: string) => set({ ...state, baseUrl: normalizeBaseUrl(baseUrl) })
