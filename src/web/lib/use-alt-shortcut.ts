import { useEffect, useRef } from 'react'

/**
 * Alt + a physical key (`KeyN`), anywhere on the page while the component is mounted. `code` rather
 * than `key`, so the shortcut is the same on the Russian layout, where Alt gives other letters.
 */
export function useAltShortcut(code: string | undefined, onPress: () => void) {
  const latest = useRef(onPress)
  useEffect(() => {
    latest.current = onPress
  })
  useEffect(() => {
    if (!code) return
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.code !== code || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing || e.defaultPrevented)
        return
      // Also keeps macOS from typing the Option character into the composer.
      e.preventDefault()
      latest.current()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [code])
}
