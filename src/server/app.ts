import { existsSync } from 'node:fs'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { apiTokenRoutes, authGuard, authRoutes, createAccessCheck } from './modules/auth'
import type { RouteContext, ServiceOptions } from './http/context'
import { processInstanceId } from './db/presence'
import { frameworkErrorOptions, installErrorHandling } from './http/error-handler'
import { installInputGuard } from './http/input-guard'
import { installListShaping } from './http/list-shaping'
import { errorComponent, errorResponses } from './http/openapi-errors'
import { RequestLog } from './http/log'
import { attributeRoutes } from './modules/attributes'
import { auditRoutes } from './modules/audit'
import { batchRoutes } from './modules/batches'
import { chatRoutes } from './modules/chats'
import { clientIdResolver, clientRoutes } from './modules/clients'
import { clientDialogueRoutes, sessionRoutes } from './modules/sessions'
import { commentRoutes } from './modules/comments'
import { templateRoutes } from './modules/templates'
import { privacyRequestRoutes, privacyRoutes, startRetention } from './modules/privacy'
import { eventRoutes } from './modules/events'
import { companyRoutes, operatorRoutes, userRoutes } from './modules/accounts'
import { reviewRoutes } from './modules/reviews'
import { statsRoutes } from './modules/stats'
import { suggestionRoutes } from './modules/suggestions'
import { tagRoutes } from './modules/tags'
import { viewRoutes } from './modules/views'
import { channelCallbackRoutes, startWebhookWorker, webhookRoutes } from './modules/webhooks'
import { serializerCompiler } from './http/serializer'
import { installBodyTimeouts, type BodyLimits } from './http/slow-bodies'

export interface AppOptions extends ServiceOptions {
  corsOrigins?: string[]
  /** Other chat services the panel may be pointed at from its "Токен" sign-in tab (CSP connect-src). */
  panelApiOrigins?: string[]
  /** The built panel (dist/); served with an SPA fallback when present. */
  webRoot?: string
  logger?: FastifyServerOptions['logger']
  /** How slow a request body may arrive (slow-bodies); tests shorten it. */
  bodyLimits?: BodyLimits
}

export const BODY_LIMIT = 64 * 1024

/**
 * Many HTTP clients send `Content-Type: application/json` on every request, bodiless PUT/DELETE
 * included: an empty body then means "no body" rather than a 400. TWIN's PHP SDK sends its empty
 * parameter array, which PHP encodes as `[]`: no route takes an array, so that means "no body" too.
 * Anything else is parsed as usual, with the same prototype-poisoning protection as Fastify's own parser.
 */
function acceptEmptyJsonBodies(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = (body as string).trim()
    return text === '' || text === '[]' ? done(null, undefined) : parseJson(req, body as string, done)
  })
}

export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ?? false,
    logController: new RequestLog(),
    bodyLimit: BODY_LIMIT,
    ...frameworkErrorOptions,
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  installErrorHandling(app)
  installInputGuard(app)
  installBodyTimeouts(app, opts.bodyLimits)
  acceptEmptyJsonBodies(app)
  installListShaping(app)

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'", ...(opts.panelApiOrigins ?? [])] },
    },
  })
  await app.register(cors, {
    origin: opts.corsOrigins?.length ? opts.corsOrigins : false,
    // Every method the API has (the default leaves out PATCH, PUT and DELETE), and the headers a client reads.
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['ETag', 'Retry-After'],
  })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Чат сервис',
        version: '1.0.0',
        description: 'API клиентских карточек Kartoteka, совместимое с чат-сервисом TWIN.',
      },
      servers: [{ url: '/api/v1' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        schemas: errorComponent,
      },
      security: [{ bearerAuth: [] }],
      tags: [
        'Client Attributes',
        'Client Tags',
        'Session Tags',
        'Clients',
        'Reviews',
        'Chats',
        'Sessions',
        'Messages',
        'Suggestions',
        'Comments',
        'Personal Data',
        'Operators',
        'Auth',
      ].map((name) => ({ name })),
    },
    transform: (doc) => {
      const out = jsonSchemaTransform(doc)
      const schema = out.schema as { response?: Record<string, unknown>; security?: unknown[] }
      const method = [doc.route.method].flat()[0] ?? 'GET'
      // `security: []`: an operation without a token (sign-in), never refused for one.
      schema.response = { ...errorResponses(method, doc.url, schema.security?.length === 0), ...schema.response }
      // Paths are documented relative to the server URL /api/v1, as in TWIN's docs.
      return { ...out, url: out.url.replace(/^\/api\/v1/, '') }
    },
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    theme: { title: 'Чат сервис' },
    uiConfig: { persistAuthorization: true },
    // Swagger UI sets style attributes on its own elements (models, the auth dialog): without this the
    // browser console reports each one as a CSP violation. Scripts stay locked down.
    transformStaticCSP: (header) => header.replace(/style-src ([^;]*);/, "style-src $1 'unsafe-inline';"),
  })
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger())

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    () => ({ status: 'ok' as const }),
  )

  const delivery = opts.webhookDelivery ?? { allowInternal: false }
  const worker = startWebhookWorker({ db: opts.db, ...delivery, log: (err) => app.log.error({ err }, 'webhooks') })
  app.addHook('onClose', () => worker.close())
  const retention = startRetention({ db: opts.db, log: (err) => app.log.error({ err }, 'retention') })
  app.addHook('onClose', () => retention.close())
  const context: RouteContext = {
    ...opts,
    access: createAccessCheck(opts.db, opts.tokens),
    instanceId: opts.instanceId ?? processInstanceId,
    webhooks: { allowInternal: delivery.allowInternal, nudge: worker.nudge },
  }
  await app.register(
    async (api) => {
      await api.register(authGuard, { access: context.access })
      await api.register(clientIdResolver, { db: opts.db })
      for (const routes of [
        authRoutes,
        userRoutes,
        apiTokenRoutes,
        auditRoutes,
        attributeRoutes,
        clientRoutes,
        batchRoutes,
        chatRoutes,
        sessionRoutes,
        clientDialogueRoutes,
        suggestionRoutes,
        commentRoutes,
        templateRoutes,
        privacyRoutes,
        privacyRequestRoutes,
        tagRoutes,
        reviewRoutes,
        operatorRoutes,
        companyRoutes,
        eventRoutes,
        viewRoutes,
        statsRoutes,
        webhookRoutes,
        channelCallbackRoutes,
      ]) {
        await api.register(routes, context)
      }
    },
    { prefix: '/api/v1' },
  )

  if (opts.webRoot && existsSync(opts.webRoot)) {
    // Hashed assets never change under their name; everything else (index.html, icons) is asked again, so
    // that an upgrade reaches every open panel on its next navigation.
    await app.register(fastifyStatic, {
      root: opts.webRoot,
      wildcard: false,
      cacheControl: false,
      setHeaders: (res, path) =>
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    })
    // Deep links of the panel (/dialogs/…) get index.html; unknown API paths keep their JSON 404.
    app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) =>
      req.url.startsWith('/api/')
        ? reply.callNotFound()
        : reply.header('cache-control', 'no-cache').sendFile('index.html'),
    )
  }

  return app
}
