// Kept apart from the fixture so the browser runner (Node) can use it without loading the panel.
export const COUNT = 200

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!

export const summary = (name: string, xs: number[]) =>
  `${name}, ${COUNT} attributes, ${xs.length} runs: p50 ${percentile(xs, 50).toFixed(2)} ms, p95 ${percentile(xs, 95).toFixed(2)} ms`
