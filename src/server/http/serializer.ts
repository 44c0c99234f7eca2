import type { FastifySerializerCompiler } from 'fastify'
import fastJson from 'fast-json-stringify'
import { z } from 'zod'

type JsonSchema = { [key: string]: unknown }

/**
 * `anyOf: [X, { type: 'null' }]`, which zod writes for `.nullable()`, as X with `type: [X, 'null']`:
 * fast-json-stringify then writes it straight away instead of testing each branch on every response.
 */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify)
  if (!node || typeof node !== 'object') return node
  const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, simplify(v)]))
  const branches = out.anyOf as JsonSchema[] | undefined
  if (branches?.length === 2) {
    const [value, nil] = branches[0]?.type === 'null' ? [branches[1]!, branches[0]] : [branches[0]!, branches[1]!]
    if (nil?.type === 'null' && typeof value.type === 'string') {
      const { anyOf: _, ...rest } = out
      return { ...rest, ...value, type: [value.type, 'null'] }
    }
  }
  return out
}

/**
 * Responses are written by a serializer compiled once per route from the route's zod schema
 * (fast-json-stringify), not by running zod over every answer: the same shape, a fraction of the work.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) =>
  fastJson(
    simplify(z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' })) as Parameters<
      typeof fastJson
    >[0],
  )
