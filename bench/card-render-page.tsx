// The browser half of bench/card-render-browser.ts: times, in this page, the first render of the card
// (with style and layout) and single keystrokes in an open editor, and leaves the timings on window.
import '../src/shared/zod-locale'
import '../src/web/styles.css'
import { flushSync } from 'react-dom'
import { FIRST_INPUT, FIRST_VALUE, mountCard } from './card-render-fixture'

const WARMUP = 3
const RENDERS = 20
const KEYSTROKES = 200

const frame = () => {
  const container = document.body.appendChild(document.createElement('div'))
  container.style.width = '320px' // the dialogue view's side panel
  return container
}

function timeRenders() {
  const times: number[] = []
  for (let i = 0; i < WARMUP + RENDERS; i++) {
    const container = frame()
    const start = performance.now()
    const root = mountCard(container)
    void container.offsetHeight // style and layout count too
    if (i >= WARMUP) times.push(performance.now() - start)
    root.unmount()
    container.remove()
  }
  return times
}

function timeKeystrokes() {
  const container = frame()
  const root = mountCard(container)
  const button = container.querySelector<HTMLButtonElement>(`button[aria-label="${FIRST_VALUE}"]`)!
  flushSync(() => button.click())
  const input = container.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${FIRST_INPUT}"]`)!
  // React listens for input events and reads the value through the prototype's setter.
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!
  const times: number[] = []
  for (let i = 0; i < WARMUP + KEYSTROKES; i++) {
    const start = performance.now()
    flushSync(() => {
      setValue.call(input, `Любит рыбалку ${i}`)
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    void container.offsetHeight
    if (i >= WARMUP) times.push(performance.now() - start)
  }
  root.unmount()
  return times
}

;(window as { benchResult?: unknown }).benchResult = { renders: timeRenders(), keystrokes: timeKeystrokes() }
