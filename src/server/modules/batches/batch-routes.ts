import type { FastifyInstance, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AuditAction } from '@shared/audit'
import {
  batchListSchema,
  batchSchema,
  batchUndoResultSchema,
  type BatchKind,
  type BatchUndoResult,
} from '@shared/batches'
import { idSchema, listQuerySchema } from '@shared/common'
import { audit } from '../audit'
import { actorOf } from '../../http/actor'
import type { RouteContext } from '../../http/context'
import { getBatch, interruptOrphans, listBatches } from './batch-repo'
import { undoBatch } from './undo-repo'

interface BatchKindRoutes {
  kind: BatchKind
  /** `/batches` or `/imports`, and the name of its id in the path. */
  base: string
  param: string
  preHandler: preHandlerHookHandler
  summaries: { list: string; one: string; undo: string }
  listHelp: string
  undoHelp: string
  undone: { action: AuditAction; summary: (r: BatchUndoResult) => string }
}

/** A kind of batch's list, progress and undo: the same three routes for bulk edits and imports. */
export function registerBatchRoutes(app: FastifyInstance, { db, bus, instanceId }: RouteContext, r: BatchKindRoutes) {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['Clients']
  const params = z.strictObject({ [r.param]: idSchema })
  const idOf = (p: Record<string, string>) => p[r.param]!

  api.get(
    r.base,
    {
      preHandler: r.preHandler,
      schema: {
        tags,
        summary: r.summaries.list,
        description: r.listHelp,
        querystring: listQuerySchema,
        response: { 200: batchListSchema },
      },
    },
    (req) => listBatches({ db, self: instanceId, companyId: req.auth.companyId, kind: r.kind, q: req.query }),
  )

  api.get(
    `${r.base}/:${r.param}`,
    {
      preHandler: r.preHandler,
      schema: { tags, summary: r.summaries.one, params, response: { 200: batchSchema } },
    },
    (req) => getBatch({ db, self: instanceId, companyId: req.auth.companyId, kind: r.kind, id: idOf(req.params) }),
  )

  api.post(
    `${r.base}/:${r.param}/undo`,
    {
      preHandler: r.preHandler,
      schema: {
        tags,
        summary: r.summaries.undo,
        description: r.undoHelp,
        params,
        response: { 200: batchUndoResultSchema },
      },
    },
    async (req) => {
      await interruptOrphans(db, instanceId, req.auth.companyId)
      const result = await undoBatch(db, actorOf(req), r.kind, idOf(req.params))
      bus.publish(req.auth.companyId, { type: 'clients.changed' })
      await audit(db, req, { action: r.undone.action, summary: r.undone.summary(result) })
      return result
    },
  )
}
