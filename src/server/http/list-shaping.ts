import type { FastifyInstance } from 'fastify'

type ListAnswer = { count: number; items: Record<string, unknown>[] }

/**
 * `fields` and `withoutItems` of every list (contract "Lists"), applied to the answer once it is
 * serialized, so each route's response schema stays whole. Unknown field names are ignored; if none is
 * known, the items stay as they are.
 */
export function installListShaping(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    const q = req.query as { fields?: unknown; withoutItems?: unknown } | undefined
    const fields =
      typeof q?.fields === 'string'
        ? q.fields
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : []
    if ((fields.length === 0 && q?.withoutItems !== true) || reply.statusCode !== 200 || typeof payload !== 'string')
      return payload
    const list = JSON.parse(payload) as ListAnswer
    if (!Array.isArray(list.items)) return payload
    if (q?.withoutItems === true) return JSON.stringify({ ...list, items: [] })
    const known = fields.filter((f) => list.items.some((item) => Object.hasOwn(item, f)))
    if (known.length === 0) return payload
    const items = list.items.map((item) =>
      Object.fromEntries(known.filter((f) => Object.hasOwn(item, f)).map((f) => [f, item[f]])),
    )
    return JSON.stringify({ ...list, items })
  })
}
