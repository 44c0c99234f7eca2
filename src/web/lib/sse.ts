interface ServerSentEvent {
  event: string
  data: string
}

/**
 * Reads a text/event-stream body (the SSE wire format: `event:` and `data:` lines, a blank line ends
 * an event, `:` starts a comment). `onChunk` hears every chunk, heartbeats included.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>, onChunk: () => void = () => {}) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let event = ''
  let data: string[] = []
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      onChunk()
      buffer += decoder.decode(value, { stream: true })
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const raw of lines) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
        if (line === '') {
          if (data.length) yield { event: event || 'message', data: data.join('\n') } satisfies ServerSentEvent
          event = ''
          data = []
          continue
        }
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon === -1 ? line : line.slice(0, colon)
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'event') event = value
        else if (field === 'data') data.push(value)
      }
    }
  } finally {
    // Leaving early (sign-out, reconnect) must not keep the connection open.
    await reader.cancel().catch(() => {})
  }
}
