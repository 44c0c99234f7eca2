import '@testing-library/jest-dom/vitest'
import { cleanup, configure, waitFor } from '@testing-library/react'
import { toast } from 'sonner'
import { afterEach, expect } from 'vitest'

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
// jsdom draws nothing: a chart (Chart.js) finds no canvas context and leaves its figures to the table.
HTMLCanvasElement.prototype.getContext = () => null
// Toasts (sonner) capture the pointer to let them be swiped away.
Element.prototype.setPointerCapture ??= function setPointerCapture() {}

// jsdom's Blob has no arrayBuffer() or stream(), without which Node's fetch sends an uploaded file as
// "[object File]": read through jsdom's own FileReader, it goes as a browser would send it.
Blob.prototype.arrayBuffer ??= function arrayBuffer(this: Blob) {
  return new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as ArrayBuffer)
    reader.onerror = () => reject(reader.error ?? new Error('FileReader'))
    reader.readAsArrayBuffer(this)
  })
}
Blob.prototype.stream ??= function stream(this: Blob) {
  const bytes = this.arrayBuffer()
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    async start(controller) {
      controller.enqueue(new Uint8Array(await bytes))
      controller.close()
    },
  })
}

// A toast still on screen is dismissed and waited out: its removal runs on a timer of its own, which must not
// fire after the file's page is gone.
afterEach(async () => {
  if (document.querySelector('[data-sonner-toast]')) {
    toast.dismiss()
    await waitFor(() => expect(document.querySelector('[data-sonner-toast]')).toBeNull())
  }
  cleanup()
})
