import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// Waits allow for a busy machine: a page's first render after a live event or a save takes a round trip.
configure({ asyncUtilTimeout: 3000 })

// Every page is a lazily loaded module. Load them all before the file's first test, so compiling one on a
// busy machine is not spent inside that test's wait.
await Promise.all(Object.values(import.meta.glob('../../src/web/app/routes/*.tsx')).map((load) => load()))

// jsdom lays nothing out; the command menu (cmdk) measures its list and scrolls the active option.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
}
Element.prototype.scrollIntoView ??= function scrollIntoView() {}
// Toasts (sonner) capture the pointer to let them be swiped away.
Element.prototype.setPointerCapture ??= function setPointerCapture() {}

afterEach(() => cleanup())
