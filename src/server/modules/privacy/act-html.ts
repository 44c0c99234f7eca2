import type { ErasureAct } from '@shared/privacy'
import { day, esc, fields, moment, page, table } from './html'

/** The system the data is destroyed in, and how: what the act names (Приказ Роскомнадзора № 179, п. 3). */
export const SYSTEM_NAME = 'Kartoteka — карточки клиентов в чатах поддержки'
export const ERASURE_METHOD =
  'Программное удаление в базе данных (PostgreSQL): записи удалены, значения в сохраняемых записях ' +
  'перезаписаны пустыми; восстановление средствами системы невозможно'

/**
 * «Акт об уничтожении персональных данных» with what the order requires (the operator, the person, who destroyed,
 * the categories, the system, the method, the reason, the date) and the extract of the Журнал lines.
 */
export function actHtml(act: ErasureAct, company: string, timeZone: string) {
  const title = `Акт № ${act.number} об уничтожении персональных данных`
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p>${esc(day(act.performedAt, timeZone))}</p>`,
    fields([
      ['Оператор', esc(company)],
      ['Адрес оператора', '________________________________'],
      ['Субъект персональных данных', esc(act.subject)],
      ['Карточки в системе', act.clientIds.map(esc).join('<br>')],
      ['Информационная система', esc(SYSTEM_NAME)],
      ['Способ уничтожения', esc(ERASURE_METHOD)],
      ['Причина уничтожения', esc(act.reason)],
      ['Дата уничтожения', esc(moment(act.performedAt, timeZone))],
      ['Уничтожил', esc(act.performedByName)],
    ]),
    '<h2>Категории уничтоженных персональных данных</h2>',
    table(
      ['Категория', 'Записей'],
      act.categories.filter((c) => c.count > 0).map((c) => [esc(c.category), esc(c.count)]),
    ),
    '<h2>Выгрузка из журнала регистрации событий</h2>',
    table(
      ['Когда', 'Кто', 'Событие'],
      act.journal.map((j) => [esc(moment(j.at, timeZone)), esc(j.actorName ?? 'Сервис'), esc(j.summary)]),
    ),
    '<div class="sign"><span>Должность ____________________</span><span>Подпись ____________ / ____________</span></div>',
  ]
  return page(title, body.join('\n'))
}
