import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { clientParamsSchema } from '@shared/clients'
import {
  COMMENT_EDIT_MINUTES,
  commentInputSchema,
  commentListQuerySchema,
  commentListSchema,
  commentParamsSchema,
  commentSchema,
} from '@shared/comments'
import { sessionParamsSchema } from '@shared/sessions'
import { actorOf } from '../../http/actor'
import type { RouteContext } from '../../http/context'
import { findSession } from '../tags'
import { addComment, deleteComment, editComment, listClientComments, listSessionComments } from './repo'

/** Notes on clients (in every dialogue with them) and on one dialogue (there only). */
export const commentRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Comments']
  const changed = (companyId: string, c: { clientId: string; sessionId: string | null }) =>
    bus.publish(companyId, {
      type: 'comment.changed',
      clientId: c.clientId,
      ...(c.sessionId && { sessionId: c.sessionId }),
    })

  app.get(
    '/clients/:clientId/comments',
    {
      schema: {
        tags,
        summary: 'Заметки о клиенте',
        description: 'Видны в каждом диалоге с клиентом; сначала новые.',
        params: clientParamsSchema,
        querystring: commentListQuerySchema,
        response: { 200: commentListSchema },
      },
    },
    (req) => listClientComments(db, req.auth.companyId, req.params.clientId, req.query),
  )

  app.post(
    '/clients/:clientId/comments',
    {
      schema: {
        tags,
        summary: 'Оставить заметку о клиенте',
        params: clientParamsSchema,
        body: commentInputSchema,
        response: { 201: commentSchema },
      },
    },
    async (req, reply) => {
      const comment = await addComment(
        db,
        actorOf(req),
        { clientId: req.params.clientId, sessionId: null },
        req.body.body,
      )
      changed(req.auth.companyId, comment)
      return reply.code(201).send(comment)
    },
  )

  app.get(
    '/sessions/:sessionId/comments',
    {
      schema: {
        tags,
        summary: 'Заметки о диалоге',
        description: 'Видны только в этом диалоге; сначала новые.',
        params: sessionParamsSchema,
        querystring: commentListQuerySchema,
        response: { 200: commentListSchema },
      },
    },
    async (req) => {
      await findSession(db, req.auth.companyId, req.params.sessionId)
      return listSessionComments(db, req.auth.companyId, req.params.sessionId, req.query)
    },
  )

  app.post(
    '/sessions/:sessionId/comments',
    {
      schema: {
        tags,
        summary: 'Оставить заметку о диалоге',
        params: sessionParamsSchema,
        body: commentInputSchema,
        response: { 201: commentSchema },
      },
    },
    async (req, reply) => {
      const session = await findSession(db, req.auth.companyId, req.params.sessionId)
      const comment = await addComment(
        db,
        actorOf(req),
        { clientId: session.clientId, sessionId: session.id },
        req.body.body,
      )
      changed(req.auth.companyId, comment)
      return reply.code(201).send(comment)
    },
  )

  app.patch(
    '/comments/:commentId',
    {
      schema: {
        tags,
        summary: 'Изменить заметку',
        description: `Только автор, в течение ${COMMENT_EDIT_MINUTES} минут; прежний текст сохраняется.`,
        params: commentParamsSchema,
        body: commentInputSchema,
        response: { 200: commentSchema },
      },
    },
    async (req) => {
      const comment = await editComment(db, actorOf(req), req.params.commentId, req.body.body)
      changed(req.auth.companyId, comment)
      return comment
    },
  )

  app.delete(
    '/comments/:commentId',
    {
      schema: {
        tags,
        summary: 'Удалить заметку',
        description: `Автор — в течение ${COMMENT_EDIT_MINUTES} минут, руководитель и администратор — в любое время; удалённая заметка хранится.`,
        params: commentParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      changed(req.auth.companyId, await deleteComment(db, actorOf(req), req.params.commentId))
      return reply.code(204).send(null)
    },
  )
}
