import { Keyboard } from 'lucide-react'
import { lazy, Suspense, useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'

const ShortcutsDialog = lazy(() => import('./shortcuts-dialog').then((m) => ({ default: m.ShortcutsDialog })))

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))

/**
 * The panel's keys in one place: "Клавиши" in the sidebar, or `?` anywhere outside a text field. Alt
 * keys are physical keys, so they are the same on the Russian layout (Alt+Л, Alt+П, Alt+К, Alt+Т).
 */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false)
  const [asked, setAsked] = useState(false)
  const show = () => (setAsked(true), setOpen(true))
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return
      e.preventDefault()
      setAsked(true)
      setOpen(true)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="w-full px-0 xl:justify-start xl:px-2.5"
        aria-keyshortcuts="?"
        title="Клавиши (?)"
        onClick={show}
      >
        <Keyboard aria-hidden className="size-4" /> <span className="sr-only xl:not-sr-only">Клавиши</span>
      </Button>
      {asked && (
        <Suspense>
          <ShortcutsDialog open={open} onOpenChange={setOpen} />
        </Suspense>
      )}
    </>
  )
}
