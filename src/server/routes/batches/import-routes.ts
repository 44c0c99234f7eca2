import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BATCH_UNDO_DAYS, batchListSchema, batchSchema, batchUndoResultSchema, importParamsSchema } from '@shared/batches'
import { MAX_IMPORT_MB, importQuerySchema, importResultSchema } from '@shared/imports'
import { audit } from '../../audit'
import { actorOf } from '../../auth/change-source'
import { requireRole } from '../../auth/guard'
import type { RouteContext } from '../../context'
import { listQuerySchema } from '@shared/common'
import { getBatch, listBatches } from './batch-repo'
import { tooLarge } from './import-file'
import { importClients } from './import-repo'
import { undoBatch } from './undo-repo'

/** What a file upload may be labelled as: browsers call a .csv text/csv, or application/vnd.ms-excel on Windows. */
const CSV_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', 'text/plain', 'application/octet-stream']

export const importRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, bus }) => {
  const tags = ['Clients']
  const admins = requireRole('admin')
  // The file is read as it streams in (import-file), never held whole: the parser hands the stream on.
  app.addContentTypeParser(CSV_TYPES, (_req, payload, done) => done(null, payload))

  app.post('/clients/import', {
    preHandler: admins,
    schema: {
      tags, summary: 'Импорт клиентов из CSV',
      description: `Только администратор. Тело — сам файл (Content-Type: text/csv), до ${MAX_IMPORT_MB} МБ: формат экспорта, `
        + 'разделитель «;» или «,», UTF-8 (с BOM или без) или Windows-1251. Столбцы по заголовкам: ID клиента, Внешний ID, Имя, Телефон, '
        + 'Эл. почта, Теги клиента (через запятую, по названию), параметры — по названию в каталоге; незнакомые столбцы пропускаются '
        + 'и попадают в `errors` (строка 1). Строка находит клиента по ID, затем по внешнему ID, затем по `matchBy`; не нашла — '
        + 'создаёт. Пустая ячейка ничего не меняет, теги добавляются. Строка с ошибкой не загружается, остальные загружаются. '
        + 'Формулы (=, +, -, @) сохраняются как текст. `dryRun=true` только считает. Ход — в GET /imports/{importId} и событии '
        + `\`batch.progress\`; отменить — POST /imports/{importId}/undo в течение ${BATCH_UNDO_DAYS} дней.`,
      querystring: importQuerySchema, response: { 200: importResultSchema },
    },
    onRequest: async (req) => {
      if (Number(req.headers['content-length'] ?? 0) > MAX_IMPORT_MB * 1024 * 1024) throw tooLarge()
    },
  }, async (req) => {
    const result = await importClients(db, bus, actorOf(req), req.body as AsyncIterable<Buffer>, req.query)
    if (result.importId) {
      await audit(db, req, {
        action: 'import',
        summary: `Импорт клиентов: создано ${result.created}, обновлено ${result.updated}, без изменений ${result.unchanged}, пропущено ${result.skipped}`,
      })
    }
    return result
  })

  app.get('/imports', {
    preHandler: admins,
    schema: {
      tags, summary: 'Импорты', description: 'Сначала новые: идущий (status running, done — строк прочитано) и завершённые, с итогом.',
      querystring: listQuerySchema, response: { 200: batchListSchema },
    },
  }, (req) => listBatches(db, req.auth.companyId, 'import', req.query))

  app.get('/imports/:importId', {
    preHandler: admins,
    schema: { tags, summary: 'Ход импорта', params: importParamsSchema, response: { 200: batchSchema } },
  }, (req) => getBatch(db, req.auth.companyId, 'import', req.params.importId))

  app.post('/imports/:importId/undo', {
    preHandler: admins,
    schema: {
      tags, summary: 'Отменить импорт',
      description: `В течение ${BATCH_UNDO_DAYS} дней. Созданные импортом клиенты удаляются, если с тех пор у них не было диалогов `
        + 'и изменений; изменённые значения возвращаются к прежним, кроме тех, что с тех пор меняли ещё раз (`kept`).',
      params: importParamsSchema, response: { 200: batchUndoResultSchema },
    },
  }, async (req) => {
    const result = await undoBatch(db, actorOf(req), 'import', req.params.importId)
    bus.publish(req.auth.companyId, { type: 'clients.changed' })
    await audit(db, req, { action: 'import.undone', summary: `Отменён импорт: удалено клиентов ${result.deleted}, возвращено ${result.reverted}, оставлено ${result.kept}` })
    return result
  })
}
