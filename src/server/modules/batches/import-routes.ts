import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BATCH_UNDO_DAYS } from '@shared/batches'
import { idSchema } from '@shared/common'
import { MAX_IMPORT_MB, importQuerySchema, importResultSchema, type ImportResult } from '@shared/imports'
import { audit } from '../audit'
import { actorOf } from '../../http/actor'
import { requireRole } from '../../http/guard'
import type { RouteContext } from '../../http/context'
import { resumeBatch } from './batch-repo'
import { registerBatchRoutes } from './batch-routes'
import { tooLarge } from './import-file'
import { importClients } from './import-repo'

const refuseOversized = async (req: FastifyRequest) => {
  if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_MB * 1024 * 1024) throw tooLarge()
}
const counts = (r: ImportResult) =>
  `создано ${r.created}, обновлено ${r.updated}, без изменений ${r.unchanged}, пропущено ${r.skipped}`

/** What a file upload may be labelled as: browsers call a .csv text/csv, or application/vnd.ms-excel on Windows. */
const CSV_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'text/plain', 'application/octet-stream']

export const importRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, opts) => {
  const { db, bus, instanceId } = opts
  const tags = ['Clients']
  const admins = requireRole('admin')
  // The file is read as it streams in (import-file), never held whole: the parser hands the stream on.
  app.addContentTypeParser(CSV_TYPES, (_req, payload, done) => done(null, payload))

  app.post(
    '/clients/import',
    {
      preHandler: admins,
      config: { upload: true },
      schema: {
        tags,
        summary: 'Импорт клиентов из CSV',
        description:
          `Только администратор. Тело — сам файл (Content-Type: text/csv), до ${MAX_IMPORT_MB} МБ: формат экспорта, ` +
          'разделитель «;» или «,», UTF-8 (с BOM или без) или Windows-1251. Столбцы по заголовкам: ID клиента, Внешний ID, Имя, Телефон, ' +
          'Эл. почта, Теги клиента (через запятую, по названию), параметры — по названию в каталоге; незнакомые столбцы пропускаются ' +
          'и попадают в `errors` (строка 1). Строка находит клиента по ID, затем по внешнему ID, затем по `matchBy`; не нашла — ' +
          'создаёт. Пустая ячейка ничего не меняет, теги добавляются. Строка с ошибкой не загружается, остальные загружаются. ' +
          'Формулы (=, +, -, @) сохраняются как текст. `dryRun=true` только считает. Ход — в GET /imports/{importId} и событии ' +
          `\`batch.progress\`; отменить — POST /imports/{importId}/undo в течение ${BATCH_UNDO_DAYS} дней.`,
        querystring: importQuerySchema,
        response: { 200: importResultSchema },
      },
      onRequest: refuseOversized,
    },
    async (req) => {
      const result = await importClients({
        db,
        bus,
        actor: actorOf(req),
        owner: instanceId,
        body: req.body as AsyncIterable<Buffer>,
        start: {
          query: req.query,
        },
      })
      if (result.importId) await audit(db, req, { action: 'import', summary: `Импорт клиентов: ${counts(result)}` })
      return result
    },
  )

  app.post(
    '/imports/:importId/resume',
    {
      preHandler: admins,
      config: { upload: true },
      schema: {
        tags,
        summary: 'Продолжить прерванный импорт',
        description:
          'Для `status: interrupted` (процесс сервиса остановился посреди импорта). Тело — тот же файл: уже загруженные строки ' +
          'пропускаются, остальные загружаются в тот же импорт (отмена вернёт всё), с тем же разбором столбцов и `matchBy`. ' +
          'Файл с другими заголовками — 400, не прерванный импорт — 409. Итог — за весь импорт.',
        params: z.strictObject({ importId: idSchema }),
        response: { 200: importResultSchema },
      },
      onRequest: refuseOversized,
    },
    async (req) => {
      const resumed = await resumeBatch({
        db,
        bus,
        actor: actorOf(req),
        owner: instanceId,
        kind: 'import',
        id: req.params.importId,
      })
      const result = await importClients({
        db,
        bus,
        actor: actorOf(req),
        owner: instanceId,
        body: req.body as AsyncIterable<Buffer>,
        start: {
          resumed,
        },
      })
      await audit(db, req, { action: 'import', summary: `Импорт клиентов продолжен: ${counts(result)}` })
      return result
    },
  )

  registerBatchRoutes(app, opts, {
    kind: 'import',
    base: '/imports',
    param: 'importId',
    preHandler: admins,
    summaries: { list: 'Импорты', one: 'Ход импорта', undo: 'Отменить импорт' },
    listHelp: 'Сначала новые: идущий (status running, done — строк прочитано) и завершённые, с итогом.',
    undoHelp:
      `В течение ${BATCH_UNDO_DAYS} дней. Созданные импортом клиенты удаляются, если с тех пор у них не было диалогов, ` +
      'заметок и изменений; изменённые значения возвращаются к прежним, кроме тех, что с тех пор меняли ещё раз (`kept`).',
    undone: {
      action: 'import.undone',
      summary: (r) => `Отменён импорт: удалено клиентов ${r.deleted}, возвращено ${r.reverted}, оставлено ${r.kept}`,
    },
  })
}
