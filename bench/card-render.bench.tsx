// The "О клиенте" attributes with 200 values in jsdom: the first render, and one keystroke in an open
// editor, which must re-render that row only. Prints p50/p95 besides vitest's table. How to run:
// bench/card-render.config.ts; the same in a real Chromium: bench/card-render-browser.ts.
import '../src/shared/zod-locale'
import { fireEvent, screen } from '@testing-library/dom'
import { flushSync } from 'react-dom'
import type { Root } from 'react-dom/client'
import { bench, describe } from 'vitest'
import { FIRST_INPUT, FIRST_VALUE, mountCard } from './card-render-fixture'
import { summary } from './card-render-stats'

const react = process.env.NODE_ENV === 'production' ? 'production' : 'development'
const timings = { 'first render': [] as number[], 'one keystroke': [] as number[] }
const timed = (name: keyof typeof timings, run: () => void) => {
  const start = performance.now()
  run()
  timings[name].push(performance.now() - start)
}
/** After the measured cycle (not the warm-up): p50/p95 of what was timed in it. */
const report = (name: keyof typeof timings) => (_task: unknown, mode: 'warmup' | 'run') => {
  const xs = timings[name].splice(0)
  if (mode === 'run') process.stdout.write(`${summary(name, xs)} (jsdom, ${react} React)\n`)
}

const mount = () => mountCard(document.body.appendChild(document.createElement('div')))
const unmount = (root: Root) => {
  root.unmount()
  document.body.replaceChildren()
}

let editing: { root: Root; input: HTMLElement } | null = null
let typed = 0
function openEditor() {
  const root = mount()
  flushSync(() => fireEvent.click(screen.getByRole('button', { name: FIRST_VALUE })))
  editing = { root, input: screen.getByRole('textbox', { name: FIRST_INPUT }) }
}

describe('"О клиенте" with 200 attributes', () => {
  bench(
    'first render',
    () => {
      let root: Root | undefined
      timed('first render', () => (root = mount()))
      unmount(root!)
    },
    { iterations: 20, warmupIterations: 3, time: 0, teardown: report('first render') },
  )

  bench(
    'one keystroke in an open editor',
    () => {
      timed('one keystroke', () =>
        flushSync(() => fireEvent.change(editing!.input, { target: { value: `Любит рыбалку ${typed++}` } })),
      )
    },
    {
      iterations: 200,
      warmupIterations: 10,
      time: 0,
      setup: openEditor,
      teardown: (task, mode) => {
        if (editing) unmount(editing.root)
        report('one keystroke')(task, mode)
      },
    },
  )
})
