import type { ChangeSource } from '@shared/attributes'
import { sourceLabels } from '@shared/attributes'
import type { PersonalData } from './export-repo'
import { esc, fields, moment, page, table } from './html'

const FIELD_LABELS: Record<string, string> = { name: 'Имя', phone: 'Телефон', email: 'E-mail' }
const AUTHOR_TYPES: Record<string, string> = { client: 'Клиент', operator: 'Оператор', bot: 'Бот', system: 'Система' }
const SUGGESTION_STATUS: Record<string, string> = { open: 'предложено', accepted: 'принято', rejected: 'отклонено' }

/** The export as a document a person can read and print: «Сведения о персональных данных». */
export function personalDataHtml(d: PersonalData, timeZone: string) {
  const at = (iso: string | null) => esc(moment(iso, timeZone))
  const c = d.client
  const title = `Сведения о персональных данных: ${c.name ?? c.id}`
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p>${esc(d.company)} обрабатывает о клиенте следующие данные. Выписка составлена ${at(d.exportedAt)}.</p>`,
    '<h2>Карточка</h2>',
    fields([
      ['Имя', esc(c.name)],
      ['Телефон', esc(c.phone)],
      ['E-mail', esc(c.email)],
      ['Внешний ID', esc(c.externalId)],
      ['Идентификатор', esc(c.id)],
      ['Карточка создана', at(c.createdAt)],
      ['Последний диалог', at(c.lastSessionAt)],
      ...(c.blockedAt
        ? ([['Обработка заблокирована', `${at(c.blockedAt)}: ${esc(c.blockedReason)}`]] as [string, string][])
        : []),
    ]),
    '<h2>Параметры</h2>',
    table(
      ['Параметр', 'Значение', 'Изменения'],
      d.parameters.map((p) => [
        esc(p.name),
        esc(p.value),
        p.history
          .map(
            (h) =>
              `${at(h.at)}: ${esc(h.oldValue)} → ${esc(h.newValue)} (${esc(sourceLabels[h.source as ChangeSource] ?? h.source)}${h.by ? `, ${esc(h.by)}` : ''})`,
          )
          .join('<br>'),
      ]),
    ),
    '<h2>Изменения имени, телефона, e-mail</h2>',
    table(
      ['Когда', 'Поле', 'Было', 'Стало', 'Кто'],
      d.fieldHistory.map((h) => [
        at(h.at),
        esc(FIELD_LABELS[h.field] ?? h.field),
        esc(h.oldValue),
        esc(h.newValue),
        esc(h.by),
      ]),
    ),
    '<h2>Метки</h2>',
    table(
      ['Метка', 'Поставлена'],
      d.tags.map((t) => [esc(t.name), at(t.addedAt)]),
    ),
    table(
      ['Когда', 'Метка', 'Действие', 'Кто'],
      d.tagHistory.map((h) => [at(h.at), esc(h.tag), h.action === 'added' ? 'поставлена' : 'снята', esc(h.by)]),
    ),
    `<h2>Диалоги (${d.dialogues.length})</h2>`,
    ...d.dialogues.map(
      (s) =>
        `<h3>${at(s.startedAt)}, ${esc(s.chat ?? s.channel)}${s.closedAt ? `, закрыт ${at(s.closedAt)}` : ''}</h3>` +
        table(
          ['Когда', 'Автор', 'Текст', 'Вложения'],
          s.messages.map((m) => [
            at(m.at),
            esc(m.author ?? AUTHOR_TYPES[m.authorType] ?? m.authorType),
            esc(m.body),
            m.attachments.map(esc).join('<br>'),
          ]),
        ),
    ),
    '<h2>Заметки сотрудников</h2>',
    table(
      ['Когда', 'Автор', 'Текст', 'Прежние редакции'],
      d.notes.map((n) => [
        at(n.at) + (n.deletedAt ? `<br>удалена ${at(n.deletedAt)}` : ''),
        esc(n.author),
        esc(n.body),
        n.revisions.map((r) => `${at(r.at)}: ${esc(r.body)}`).join('<br>'),
      ]),
    ),
    '<h2>Значения, найденные в сообщениях</h2>',
    table(
      ['Когда', 'Куда', 'Значение', 'Решение'],
      d.suggestions.map((s) => [at(s.at), esc(s.target), esc(s.value), esc(SUGGESTION_STATUS[s.status] ?? s.status)]),
    ),
    '<h2>Объединения и прежние внешние ID</h2>',
    table(
      ['Когда', 'Объединённая карточка', 'Кто', 'Отменено'],
      d.merges.map((m) => [at(m.at), esc(m.mergedClientId), esc(m.by), at(m.undoneAt)]),
    ),
    d.aliases.length ? `<p>Прежние внешние ID: ${d.aliases.map(esc).join(', ')}</p>` : '',
    '<h2>Записи журнала</h2>',
    table(
      ['Когда', 'Кто', 'Что'],
      d.journal.map((j) => [at(j.at), esc(j.actor), esc(j.summary)]),
    ),
  ]
  return page(title, body.join('\n'))
}
