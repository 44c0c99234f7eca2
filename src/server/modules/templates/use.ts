import { and, eq, inArray, sql } from 'drizzle-orm'
import { canEdit, checkAttributeValue } from '@shared/attributes'
import type { MacroStep, Rendered, TemplateUseInput } from '@shared/templates'
import type { Db } from '../../db/client'
import {
  attributes,
  attributeValues,
  clients,
  companies,
  sessions,
  tags,
  templates,
  templateUses,
  users,
} from '../../db/schema'
import { badRequest, HttpError, notFound } from '../../http/errors'
import type { Actor } from '../../http/actor'
import { phoneRule } from '../accounts'
import { openCard, resolveClientId, sees, setClientAttribute, type CardEvent } from '../cards'
import type { EventBus } from '../events'
import { applyTagChange } from '../tags'
import { catalogOf, findTemplate, usableIn } from './repo'
import { firstNameOf, paramIds, render, storedBody, type RenderContext } from './variables'

// A template in a dialogue: rendered with the client's card (nothing written), and used: the gaps the operator
// filled and the macro's changes written through the card's write path (source «шаблон»), the use counted.

type TemplateRow = Awaited<ReturnType<typeof findTemplate>>
/** What rendering needs of a template: its stored text and its macro (none for a text being written). */
type Drafted = Pick<TemplateRow, 'body' | 'actions'>
const NO_ACTIONS: TemplateRow['actions'] = { clientTagIds: [], sessionTagIds: [], values: [] }

const publish = (bus: EventBus, companyId: string, events: CardEvent[]) => {
  for (const { event, seenBy } of events) bus.publish(companyId, event, seenBy)
}

/** The template, if the caller may use it in this dialogue: limited to other chats or groups, it is a 403. */
async function usable(db: Db, actor: Actor, sessionId: string, templateId: string) {
  const template = await findTemplate(db, actor, templateId)
  const [session] = await db
    .select({ id: sessions.id, clientId: sessions.clientId, chatId: sessions.chatId })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.companyId, actor.companyId)))
  if (!session) throw notFound('Диалог не найден')
  const [fits] = await db
    .select({ ok: sql<boolean>`true` })
    .from(templates)
    .where(and(eq(templates.id, templateId), usableIn(actor, session.chatId)))
  if (!fits) throw new HttpError(403, 'Этот шаблон не для этого канала или не для вашей группы')
  return { template, session }
}

async function contextOf(db: Db, actor: Actor, clientId: string, template: Drafted): Promise<RenderContext> {
  const catalog = await catalogOf(db, actor.companyId)
  const ids = [...new Set([...paramIds(template.body), ...template.actions.values.map((v) => v.attributeId)])]
  const seen = ids.flatMap((id) => {
    const a = catalog.get(id)
    return a && sees(a.visibleTo, actor.role) ? [a] : []
  })
  // A card blocked or destroyed (modules/privacy) lends a template nothing: its fields and values are left blank.
  const [found] = await db
    .select({ name: clients.name, phone: clients.phone, email: clients.email, open: openCard(clients) })
    .from(clients)
    .where(eq(clients.id, clientId))
  const client = found?.open ? found : undefined
  const values =
    seen.length && client
      ? await db
          .select({ id: attributeValues.attributeId, value: attributeValues.value })
          .from(attributeValues)
          .where(
            and(
              eq(attributeValues.clientId, clientId),
              inArray(
                attributeValues.attributeId,
                seen.map((a) => a.id),
              ),
            ),
          )
      : []
  const [who] = await db
    .select({ operator: users.name, company: companies.name, phoneCountry: companies.phoneCountry })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, actor.userId))
  return {
    fixed: {
      'client.name': client?.name ?? null,
      'client.firstName': firstNameOf(client?.name ?? null),
      'client.phone': client?.phone ?? null,
      'client.email': client?.email ?? null,
      'operator.name': who!.operator,
      'company.name': who!.company,
    },
    params: new Map(seen.map((a) => [a.id, { attribute: a, value: values.find((v) => v.id === a.id)?.value ?? null }])),
    phoneCountry: who!.phoneCountry,
  }
}

/** What the macro will change (`skipped`: why not, as far as can be told before trying). */
async function stepsOf(db: Db, actor: Actor, template: Drafted, ctx: RenderContext): Promise<MacroStep[]> {
  const { clientTagIds, sessionTagIds, values } = template.actions
  const tagIds = [...clientTagIds, ...sessionTagIds]
  const tagRows = tagIds.length
    ? await db
        .select({ id: tags.id, name: tags.name, archived: sql<boolean>`${tags.archivedAt} IS NOT NULL` })
        .from(tags)
        .where(inArray(tags.id, tagIds))
    : []
  const tagStep = (id: string, what: string): MacroStep => {
    const tag = tagRows.find((t) => t.id === id)
    return {
      label: `${what} «${tag?.name ?? 'удалённый тег'}»`,
      skipped: !tag ? 'тег удалён' : tag.archived ? 'тег в архиве' : null,
    }
  }
  const catalog = await catalogOf(db, actor.companyId)
  return [
    ...clientTagIds.map((id) => tagStep(id, 'Тег клиента')),
    ...sessionTagIds.map((id) => tagStep(id, 'Тег диалога')),
    ...values.map((v): MacroStep => {
      const a = catalog.get(v.attributeId)
      const param = ctx.params.get(v.attributeId)
      return {
        label: `«${param?.attribute.name ?? 'скрытый параметр'}» = ${v.value}`,
        skipped: !a || a.archived ? 'параметр в архиве' : !param ? 'параметр скрыт от вас' : null,
      }
    }),
  ]
}

/** A text being written, for a client picked to try it on (the editor's live preview); nothing is saved. */
export async function previewTemplate(db: Db, actor: Actor, { body, clientId }: { body: string; clientId: string }) {
  const client = await resolveClientId(db, actor.companyId, clientId)
  const stored = storedBody(body, [...(await catalogOf(db, actor.companyId)).values()], [actor.role])
  const draft = { body: stored, actions: NO_ACTIONS }
  return renderedFor(db, actor, draft, await contextOf(db, actor, client, draft))
}

/** The template for this dialogue's client, and what it would change; nothing is written. */
export async function renderTemplate(db: Db, actor: Actor, sessionId: string, templateId: string): Promise<Rendered> {
  const { template, session } = await usable(db, actor, sessionId, templateId)
  const ctx = await contextOf(db, actor, session.clientId, template)
  return renderedFor(db, actor, template, ctx)
}

async function renderedFor(db: Db, actor: Actor, template: Drafted, ctx: RenderContext): Promise<Rendered> {
  const { text, missing } = render(template.body, ctx)
  const editors = await editableBy(
    db,
    actor,
    missing.map((m) => m.id),
  )
  return {
    text,
    missing: missing.map((a) => ({
      attributeId: a.id,
      name: a.name,
      type: a.type,
      options: a.options,
      editable: editors.has(a.id) && !a.archived,
    })),
    steps: await stepsOf(db, actor, template, ctx),
  }
}

/** Which of these parameters the caller may change (their `editableBy`). */
async function editableBy(db: Db, actor: Actor, ids: string[]) {
  if (ids.length === 0) return new Set<string>()
  const rows = await db
    .select({ id: attributes.id, editableBy: attributes.editableBy })
    .from(attributes)
    .where(inArray(attributes.id, ids))
  return new Set(rows.filter((r) => canEdit(r.editableBy, actor.role)).map((r) => r.id))
}

/**
 * Uses the template in the dialogue: the values the operator filled in for its gaps are checked (a bad one is a
 * 400 naming it, and nothing is written), then written to the card, the macro's tags and values applied (a
 * change the rules refuse is skipped with the reason), the use counted; answers the text with the card as it
 * is now. Nothing is sent: the operator sends the text.
 */
export async function useTemplate(
  db: Db,
  bus: EventBus,
  {
    actor,
    sessionId,
    templateId,
    input,
  }: { actor: Actor; sessionId: string; templateId: string; input: TemplateUseInput },
) {
  const { template, session } = await usable(db, actor, sessionId, templateId)
  const before = await contextOf(db, actor, session.clientId, template)
  const phone = await phoneRule(db, actor.companyId)
  // Every filled value is checked before any is written.
  input.values.forEach((v, i) => {
    const param = before.params.get(v.attributeId)
    if (!param || param.attribute.archived)
      throw badRequest(`body.values.${i}.attributeId`, 'Такого параметра нет в шаблоне')
    const checked = checkAttributeValue(param.attribute.type, param.attribute.options, v.value, phone)
    if (!checked.ok) throw badRequest(`body.values.${i}.value`, `«${param.attribute.name}»: ${checked.error}`)
  })
  const writer: Actor = { ...actor, source: 'template' }
  for (const v of input.values) {
    const written = await setClientAttribute(db, {
      actor: writer,
      clientRef: session.clientId,
      attributeId: v.attributeId,
      raw: v.value,
    })
    publish(bus, actor.companyId, written.events)
  }
  const steps = await applyMacro(db, bus, { actor: writer, template, sessionId, clientId: session.clientId })
  await db.transaction(async (tx) => {
    await tx.insert(templateUses).values({ companyId: actor.companyId, templateId, userId: actor.userId, sessionId })
    await tx
      .update(templates)
      .set({ uses: sql`${templates.uses} + 1` })
      .where(eq(templates.id, templateId))
  })
  const after = await contextOf(db, actor, session.clientId, template)
  const rendered = await renderedFor(db, actor, template, after)
  return { ...rendered, steps }
}

/** The macro's changes, each through its normal path; one refused is skipped with the reason. */
async function applyMacro(
  db: Db,
  bus: EventBus,
  {
    actor,
    template,
    sessionId,
    clientId,
  }: { actor: Actor; template: TemplateRow; sessionId: string; clientId: string },
) {
  const steps: MacroStep[] = []
  const attempt = async (label: string, change: () => Promise<unknown>) => {
    try {
      await change()
      steps.push({ label, skipped: null })
    } catch (err) {
      if (!(err instanceof HttpError)) throw err
      steps.push({ label, skipped: err.message })
    }
  }
  const tagNames = new Map(
    (
      await db
        .select({ id: tags.id, name: tags.name })
        .from(tags)
        .where(inArray(tags.id, [...template.actions.clientTagIds, ...template.actions.sessionTagIds]))
    ).map((t) => [t.id, t.name]),
  )
  for (const [kind, ids] of [
    ['client', template.actions.clientTagIds],
    ['session', template.actions.sessionTagIds],
  ] as const) {
    for (const tagId of ids) {
      await attempt(
        `${kind === 'client' ? 'Тег клиента' : 'Тег диалога'} «${tagNames.get(tagId) ?? 'удалённый тег'}»`,
        () =>
          applyTagChange(db, bus, {
            change: {
              kind,
              op: 'add',
              companyId: actor.companyId,
              userId: actor.userId,
              ownerId: kind === 'client' ? clientId : sessionId,
              tagId,
              lineSessionId: sessionId,
              source: 'template',
            },
            clientId,
          }),
      )
    }
  }
  const catalog = await catalogOf(db, actor.companyId)
  for (const v of template.actions.values) {
    const name = catalog.get(v.attributeId)?.name ?? 'параметр'
    await attempt(`«${name}» = ${v.value}`, async () => {
      const { events } = await setClientAttribute(db, {
        actor,
        clientRef: clientId,
        attributeId: v.attributeId,
        raw: v.value,
      })
      publish(bus, actor.companyId, events)
    })
  }
  return steps
}
