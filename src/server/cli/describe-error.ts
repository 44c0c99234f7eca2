/**
 * An error with its causes on one line: Drizzle wraps the driver's error, and the useful part
 * ("connect ECONNREFUSED 127.0.0.1:5432", "password authentication failed") is in the cause.
 */
export function describeError(err: unknown): string {
  const parts: string[] = []
  for (
    let e = err as { message?: string; code?: string; cause?: unknown } | undefined;
    e && parts.length < 4;
    e = e.cause as typeof e
  ) {
    const text = e.message?.split('\n')[0] || e.code
    if (text) parts.push(text)
  }
  return parts.join(': ') || String(err)
}
