import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// The first visit to a page compiles its lazy module: allow for that before calling something missing.
configure({ asyncUtilTimeout: 3000 })

// jsdom lays nothing out; the command menu (cmdk) measures its list and scrolls the active option.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
}
Element.prototype.scrollIntoView ??= function scrollIntoView() {}

afterEach(() => cleanup())
