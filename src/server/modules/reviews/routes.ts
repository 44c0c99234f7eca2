import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { clientParamsSchema } from '@shared/clients'
import {
  MAX_REVIEW_CHANGES,
  pendingReviewCountSchema,
  pendingReviewListSchema,
  pendingReviewQuerySchema,
  REVIEW_WINDOW_DAYS,
  reviewSchema,
} from '@shared/reviews'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { countPendingReviews, listPendingReviews, markReviewed } from './repo'

/** Supervisors' review queue. Each supervisor has their own: a review marks the card for the caller only. */
export const reviewRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Reviews']
  const reviewers = requireRole('supervisor', 'admin')

  app.get(
    '/reviews/pending',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Карточки, изменённые после моей проверки',
        description:
          'Руководитель и администратор. Клиенты, в карточке которых (параметры, теги клиента) что-то изменилось ' +
          'после последней проверки вызывающим, кроме его собственных правок. Новый руководитель получает изменения ' +
          `за последние ${REVIEW_WINDOW_DAYS} дней. Сначала те, что ждут дольше всех (\`pendingSince\`). ` +
          'В `changes` — изменения с тех пор, сначала новые, ' +
          `не больше ${MAX_REVIEW_CHANGES}; всего их \`changeCount\`.`,
        querystring: pendingReviewQuerySchema,
        response: { 200: pendingReviewListSchema },
      },
    },
    (req) => listPendingReviews(db, req.auth.userId, req.auth.role, req.query),
  )

  app.get(
    '/reviews/pending/count',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Сколько карточек ждут моей проверки',
        description:
          'Руководитель и администратор. Столько же, сколько `count` у GET /reviews/pending, но без самих карточек: ' +
          'для счётчика в меню.',
        response: { 200: pendingReviewCountSchema },
      },
    },
    async (req) => ({ count: await countPendingReviews(db, req.auth.userId) }),
  )

  app.post(
    '/clients/:clientId/reviews',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Отметить карточку проверенной',
        description: 'Руководитель и администратор. Карточка уходит из очереди вызывающего до следующего изменения.',
        params: clientParamsSchema,
        response: { 200: reviewSchema },
      },
    },
    async (req) => {
      const review = await markReviewed(db, req.auth.companyId, req.auth.userId, req.params.clientId)
      // Other supervisors' panels refetch the client (and with it their queues).
      bus.publish(req.auth.companyId, { type: 'client.updated', clientId: review.clientId })
      return review
    },
  )
}
