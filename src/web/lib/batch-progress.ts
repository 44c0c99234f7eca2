/** How far an import or a bulk edit has got: `total` is null while unknown (an import still reading its file). */
export type BatchProgress = { userId: string; done: number; total: number | null }

const listeners = new Set<(progress: BatchProgress) => void>()

/** Hands a `batch.progress` event to whoever shows a progress bar (lib/events). */
export const reportBatchProgress = (progress: BatchProgress) => listeners.forEach((listener) => listener(progress))

/** Hears each `batch.progress` until the returned function is called (lib/use-batch-progress). */
export function onBatchProgress(listener: (progress: BatchProgress) => void) {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}
