import { sql } from 'drizzle-orm'
import type { MessageAttachment } from '@shared/messages'
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  type ExtraConfigColumn,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

const id = () => uuid('id').primaryKey().defaultRandom()
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
const companyRef = () =>
  uuid('company_id')
    .notNull()
    .references(() => companies.id, { onDelete: 'cascade' })
/** Who changed a card, when and through what: every history table has these. */
const changeColumns = () => ({
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
  source: changeSourceEnum('source').notNull(),
  /** The import or bulk edit that made the change (change_batches), so that undoing it finds its rows. */
  batchId: uuid('batch_id'),
})
const batchIndex = (name: string, column: ExtraConfigColumn) =>
  index(name)
    .on(column)
    .where(sql`${column} IS NOT NULL`)

export const roleEnum = pgEnum('role', ['operator', 'supervisor', 'admin'])
export const sessionStatusEnum = pgEnum('session_status', ['open', 'closed'])
export const authorTypeEnum = pgEnum('author_type', ['client', 'operator', 'bot', 'system'])
export const attributeTypeEnum = pgEnum('attribute_type', [
  'text',
  'number',
  'date',
  'boolean',
  'select',
  'multiselect',
  'email',
  'phone',
  'link',
])
export const tagKindEnum = pgEnum('tag_kind', ['client', 'session'])
export const changeSourceEnum = pgEnum('change_source', [
  'panel',
  'api',
  'catalog',
  'merge',
  'import',
  'bulk',
  'suggestion',
  'override',
  'template',
])
export const attributeEditorEnum = pgEnum('attribute_editor', ['all', 'supervisor', 'admin', 'api'])
export const suggestionStatusEnum = pgEnum('suggestion_status', ['open', 'accepted', 'rejected'])
export const batchKindEnum = pgEnum('batch_kind', ['import', 'bulk'])
/** `interrupted`: the process running it stopped (a crash, a kill) before it finished; it can be resumed or undone. */
export const batchStatusEnum = pgEnum('batch_status', ['running', 'done', 'failed', 'interrupted'])
export const clientFieldEnum = pgEnum('client_field', ['name', 'phone', 'email'])
export const tagActionEnum = pgEnum('tag_action', ['added', 'removed'])
export const operatorStatusEnum = pgEnum('operator_status', ['online', 'away'])

/** A trigram index: lets `ILIKE '%…%'` (keyword search) use an index instead of reading every row. */
const trigram = (name: string, column: ExtraConfigColumn) => index(name).using('gin', column.op('gin_trgm_ops'))

/**
 * A card's own fields as one text, for a keyword that may be in any of them: its name, phone, e-mail and external
 * ID, joined by a character no one types (U+001F), so that a keyword does not match across two of them.
 */
export const clientSearchText = (
  t: Record<'name' | 'phone' | 'email' | 'externalId', AnyPgColumn | ExtraConfigColumn>,
) =>
  sql`(coalesce(${t.name}, '') || E'\\x1f' || coalesce(${t.phone}, '') || E'\\x1f' || coalesce(${t.email}, '') || E'\\x1f' || coalesce(${t.externalId}, ''))`

export const companies = pgTable('companies', {
  id: id(),
  name: text('name').notNull(),
  /** IANA zone the company's people read times in: the CSV export writes its times there. */
  timeZone: text('time_zone').notNull().default('Europe/Moscow'),
  /** Where a phone written without its country code is from (ISO 3166): it is stored in E.164. */
  phoneCountry: text('phone_country').notNull().default('RU'),
  /** Whether operators may download the client directory as CSV (supervisors and admins always may). */
  operatorsExport: boolean('operators_export').notNull().default(false),
  /**
   * Signs the callbacks of the company's chats (TWIN's callbackUrl and eventCallbackUrl) as a webhook's secret
   * signs its deliveries; the rotated-out one still signs until `channelPreviousSecretUntil`.
   */
  channelSecret: text('channel_secret')
    .notNull()
    .default(
      sql`('whsec_' || encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'))`,
    ),
  channelPreviousSecret: text('channel_previous_secret'),
  channelPreviousSecretUntil: timestamp('channel_previous_secret_until', { withTimezone: true }),
  /** Days off for personal-data deadlines (besides weekends); null: the official calendar (@shared/privacy). */
  holidays: date('holidays', { mode: 'string' }).array(),
  /** Clients with no dialogue and no change for this many months are destroyed daily; null: never. */
  retentionMonths: integer('retention_months'),
  /** When the retention run last looked at the company (once a day, whichever process gets there first). */
  retentionRunAt: timestamp('retention_run_at', { withTimezone: true }),
  createdAt: createdAt(),
})

export const users = pgTable(
  'users',
  {
    id: id(),
    companyId: companyRef(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Whether the operator takes dialogues now: a group transfer picks among the online ones. */
    status: operatorStatusEnum('status').notNull().default('online'),
    /** While the person has the panel open, its live-updates stream says so every 25 s (modules/events). */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /** A deactivated user cannot sign in, and every token of theirs stops working. */
    active: boolean('active').notNull().default(true),
    /** Carried by every token issued to the user; bumping it (password change or reset) ends all their sessions. */
    tokenVersion: integer('token_version').notNull().default(0),
    /** Signed in with a temporary password: nothing but choosing a new one until then. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_company_idx').on(t.companyId, t.name)],
)

export const clients = pgTable(
  'clients',
  {
    id: id(),
    companyId: companyRef(),
    externalId: text('external_id'),
    name: text('name'),
    phone: text('phone'),
    /** The phone's digits alone, so a search finds `+7 916 123-45-67` however it is typed (clients/phone-search). */
    // The number's digits without an extension (`+79161234567;ext=12` → 79161234567).
    phoneDigits: text('phone_digits').generatedAlwaysAs(
      sql`regexp_replace(split_part(coalesce(phone, ''), ';', 1), '[^0-9]', '', 'g')`,
    ),
    email: text('email'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** Counts changes of the fields above (PATCH /clients/{id} with `version` or If-Match refuses a stale one). */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastSessionAt: timestamp('last_session_at', { withTimezone: true }),
    /** Processing stopped while a person's request is checked (modules/privacy): the card is read-only. */
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    blockedReason: text('blocked_reason'),
    /** The personal data was destroyed: the row stays as an anonymous stub, so counts and others' history hold. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('clients_external_id_key').on(t.companyId, t.externalId),
    // The directory's sort orders with the id tie-break of its keyset paging. "Null is the smallest"
    // (DESC NULLS LAST, read backwards for ASC) lets one index serve both directions.
    index('clients_company_last_session_idx').on(t.companyId, t.lastSessionAt.desc().nullsLast(), t.id.desc()),
    index('clients_company_name_idx').on(t.companyId, t.name.desc().nullsLast(), t.id.desc()),
    index('clients_company_updated_idx').on(t.companyId, t.updatedAt.desc().nullsLast(), t.id.desc()),
    // The keyword search of the directory: one trigram index over the card's own fields (clientSearchText).
    index('clients_search_trgm_idx').using('gin', sql`${clientSearchText(t)} gin_trgm_ops`),
    trigram('clients_phone_digits_trgm_idx', t.phoneDigits),
    // An import matches rows by phone (its last 10 digits: +7 and 8 agree) or by e-mail in any case.
    index('clients_phone_key_idx').on(t.companyId, sql`right(${t.phoneDigits}, 10)`),
    index('clients_email_key_idx').on(t.companyId, sql`lower(${t.email})`),
  ],
)

/** TWIN's chats: the channels dialogues arrive through (a site widget, a messenger bot), with their SLs. */
export const chats = pgTable(
  'chats',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    messengers: jsonb('messengers').$type<string[]>().notNull().default([]),
    sessionTtl: integer('session_ttl').notNull().default(0),
    operatorsBusyMessage: text('operators_busy_message'),
    eventCallbackUrl: text('event_callback_url'),
    eventCallbackData: text('event_callback_data'),
    /** TWIN's names of the dialogue events sent to `eventCallbackUrl`; null or empty: all of them. */
    notifyOnEvents: text('notify_on_events').array(),
    /** Response-time SLs in seconds: the first answer, and each next one; 0 = none. */
    timerFirstAnswer: integer('timer_first_answer').notNull().default(0),
    timerNextAnswers: integer('timer_next_answers').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('chats_company_idx').on(t.companyId, t.name)],
)

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    companyId: companyRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    chatId: uuid('chat_id').references(() => chats.id, { onDelete: 'set null' }),
    operatorId: uuid('operator_id').references(() => users.id, { onDelete: 'set null' }),
    operatorAssignedAt: timestamp('operator_assigned_at', { withTimezone: true }),
    name: text('name'),
    status: sessionStatusEnum('status').notNull().default('open'),
    channel: text('channel').notNull().default('web'),
    messengerType: text('messenger_type'),
    markedAsSpam: boolean('marked_as_spam').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    lastMessage: text('last_message'),
    /** The message the list previews (system lines are not); no reference, so deleting messages stays simple. */
    lastMessageId: uuid('last_message_id'),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    lastClientMessageAt: timestamp('last_client_message_at', { withTimezone: true }),
    lastOperatorMessage: text('last_operator_message'),
    /** The client's first message since the operator last wrote: what waits for an answer. */
    firstClientMessageAfterOperator: text('first_client_message_after_operator'),
    unreadClientCount: integer('unread_client_count').notNull().default(0),
    /** TWIN's callbacks given when the channel started it: where the client's messages go (modules/webhooks). */
    callbackUrl: text('callback_url'),
    callbackData: text('callback_data'),
    /** Its own event callback; each of these, when set, wins over its chat's. */
    eventCallbackUrl: text('event_callback_url'),
    eventCallbackData: text('event_callback_data'),
    notifyOnEvents: text('notify_on_events').array(),
  },
  (t) => [
    // The dialogue list: open first, newest activity first, per company (optionally per operator).
    index('sessions_list_idx').on(t.companyId, t.status, t.lastMessageAt.desc().nullsLast()),
    index('sessions_operator_idx').on(t.companyId, t.operatorId, t.status),
    index('sessions_client_idx').on(t.clientId, t.startedAt.desc()),
    index('sessions_chat_idx').on(t.chatId),
  ],
)

/** Operators added to a dialogue beside its own (TWIN `PUT /sessions/{id}/operators/{operatorId}`). */
export const sessionOperators = pgTable(
  'session_operators',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    companyId: companyRef(),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('session_operators_user_idx').on(t.userId)],
)

/** Operator groups ("Отдел продаж"): a dialogue can be passed to a group's least loaded online member. */
export const operatorGroups = pgTable(
  'operator_groups',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    timerFirstAnswer: integer('timer_first_answer').notNull().default(0),
    timerNextAnswers: integer('timer_next_answers').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('operator_groups_name_key').on(t.companyId, sql`lower(${t.name})`)],
)

export const operatorGroupMembers = pgTable(
  'operator_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => operatorGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    companyId: companyRef(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('operator_group_members_user_idx').on(t.userId)],
)

export const messages = pgTable(
  'messages',
  {
    id: id(),
    companyId: companyRef(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    authorType: authorTypeEnum('author_type').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    type: text('type').notNull().default('text'),
    body: text('body').notNull(),
    /** Links the author attached: `{ name, contentType, size, url }` (no file storage of our own). */
    attachments: jsonb('attachments').$type<MessageAttachment[]>().notNull().default([]),
    replyToMessageId: uuid('reply_to_message_id').references((): AnyPgColumn => messages.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('messages_session_idx').on(t.sessionId, t.createdAt.desc(), t.id),
    // A message deleted with its dialogue looks here for replies to it.
    index('messages_reply_to_idx')
      .on(t.replyToMessageId)
      .where(sql`${t.replyToMessageId} IS NOT NULL`),
  ],
)

export const attributes = pgTable(
  'attributes',
  {
    id: id(),
    companyId: companyRef(),
    name: text('name').notNull(),
    type: attributeTypeEnum('type').notNull().default('text'),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    description: text('description'),
    position: integer('position').notNull().default(0),
    pinned: boolean('pinned').notNull().default(false),
    /** A dialogue (of these chats; none: of any) is not closed while the client has no value (modules/sessions). */
    requiredToClose: boolean('required_to_close').notNull().default(false),
    requiredChatIds: uuid('required_chat_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Roles that see the parameter at all (admins always do); `editableBy`: who may change its values (modules/cards/access). */
    visibleTo: roleEnum('visible_to')
      .array()
      .notNull()
      .default(sql`'{operator,supervisor,admin}'::role[]`),
    editableBy: attributeEditorEnum('editable_by').notNull().default('all'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('attributes_name_key').on(t.companyId, sql`lower(${t.name})`),
    index('attributes_company_position_idx').on(t.companyId, t.position),
  ],
)

export const attributeValues = pgTable(
  'attribute_values',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    attributeId: uuid('attribute_id')
      .notNull()
      .references(() => attributes.id, { onDelete: 'cascade' }),
    companyId: companyRef(),
    // NULL: cleared. The row stays so its version keeps counting (values-repo).
    value: text('value'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // INCLUDE (value) too (migration 0038): a batch of clients' values is read from the key alone.
    primaryKey({ columns: [t.clientId, t.attributeId] }),
    // Filters on a parameter's value. The client ends each key, so that its matches are read from the index alone,
    // in client order, and met with a tag's clients (client_tags_tag_idx) without reading the values' rows.
    index('attribute_values_attribute_idx').on(t.attributeId, t.value, t.clientId),
    // Range filters on numbers (value_number: migration 0029); dates compare as stored text, YYYY-MM-DD. INCLUDE (value)
    // too (migration 0044): without it PostgreSQL reads every match's row, never the index alone.
    index('attribute_values_number_idx')
      .on(t.attributeId, sql`value_number(${t.value})`, t.clientId)
      .where(sql`value_number(${t.value}) IS NOT NULL`),
  ],
)

/**
 * Each parameter's distinct values, for the keyword search (modules/clients): a keyword is looked for among the
 * texts, then their clients are read from the (attribute, value, client) index. Thousands of cards share a value
 * (a city, a set of interests), and a trigram index over every card's value (dropped in 0042) rechecked each. Kept by
 * the database as values are written (triggers of migration 0041). A text nobody holds any more stays, matching no
 * card, until the clients who held it are erased (modules/privacy).
 */
export const attributeValueTexts = pgTable(
  'attribute_value_texts',
  {
    attributeId: uuid('attribute_id')
      .notNull()
      .references(() => attributes.id, { onDelete: 'cascade' }),
    // No foreign key: the attribute's takes its texts with it, and a text written checks one key, not two.
    companyId: uuid('company_id').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attributeId, t.value] }), trigram('attribute_value_texts_trgm_idx', t.value)],
)

export const attributeHistory = pgTable(
  'attribute_history',
  {
    id: id(),
    companyId: companyRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    attributeId: uuid('attribute_id')
      .notNull()
      .references(() => attributes.id, { onDelete: 'cascade' }),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    ...changeColumns(),
  },
  (t) => [
    index('attribute_history_value_idx').on(t.clientId, t.attributeId, t.changedAt.desc()),
    index('attribute_history_client_idx').on(t.clientId, t.changedAt.desc()),
    // The review queue reads a company's recent changes.
    index('attribute_history_company_idx').on(t.companyId, t.changedAt),
    batchIndex('attribute_history_batch_idx', t.batchId),
  ],
)

/** Changes of the client's own name, phone and email, for the card's timeline. */
export const clientFieldHistory = pgTable(
  'client_field_history',
  {
    id: id(),
    companyId: companyRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    field: clientFieldEnum('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    ...changeColumns(),
  },
  (t) => [
    index('client_field_history_client_idx').on(t.clientId, t.changedAt.desc()),
    index('client_field_history_company_idx').on(t.companyId, t.changedAt),
    batchIndex('client_field_history_batch_idx', t.batchId),
  ],
)

/**
 * Tags that go together ("Оплата": предоплата / кредит): in a single-choice group adding one takes off the
 * other; a session group can be required before a dialogue is closed.
 */
export const tagGroups = pgTable(
  'tag_groups',
  {
    id: id(),
    companyId: companyRef(),
    kind: tagKindEnum('kind').notNull(),
    name: text('name').notNull(),
    single: boolean('single').notNull().default(true),
    requiredToClose: boolean('required_to_close').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tag_groups_name_key').on(t.companyId, t.kind, sql`lower(${t.name})`)],
)

export const tags = pgTable(
  'tags',
  {
    id: id(),
    companyId: companyRef(),
    kind: tagKindEnum('kind').notNull(),
    name: text('name').notNull(),
    groupId: uuid('group_id').references((): AnyPgColumn => tagGroups.id, { onDelete: 'set null' }),
    color: text('color').notNull().default('gray'),
    description: text('description'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_name_key').on(t.companyId, t.kind, sql`lower(${t.name})`)],
)

export const clientTags = pgTable(
  'client_tags',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.tagId] }), index('client_tags_tag_idx').on(t.tagId, t.clientId)],
)

export const sessionTags = pgTable(
  'session_tags',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.tagId] }), index('session_tags_tag_idx').on(t.tagId, t.sessionId)],
)

/** Tag adds and removes on clients, for the card's timeline and the review queue. */
export const clientTagHistory = pgTable(
  'client_tag_history',
  {
    id: id(),
    companyId: companyRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    action: tagActionEnum('action').notNull(),
    ...changeColumns(),
  },
  (t) => [
    index('client_tag_history_client_idx').on(t.clientId, t.changedAt.desc()),
    index('client_tag_history_company_idx').on(t.companyId, t.changedAt),
    index('client_tag_history_tag_idx').on(t.clientId, t.tagId, t.changedAt.desc()),
    batchIndex('client_tag_history_batch_idx', t.batchId),
  ],
)

/** When each supervisor last reviewed each card: the review queue shows what changed since. */
export const clientReviews = pgTable(
  'client_reviews',
  {
    companyId: companyRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.userId] }), index('client_reviews_user_idx').on(t.userId, t.reviewedAt)],
)

/**
 * A card waiting for one reviewer, with the span and number of the changes since their last look. Kept by
 * the database itself (triggers of migration 0009, listed in db/triggers.ts): every history row that is not the reviewer's own and not a catalog
 * rename marks the card for each supervisor and admin of the company, a user who becomes a reviewer gets the
 * last 30 days (and anything after their earlier reviews), and a review deletes the mark. The queue reads this
 * table alone instead of rescanning history.
 */
export const reviewPending = pgTable(
  'review_pending',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    pendingSince: timestamp('pending_since', { withTimezone: true }).notNull(),
    lastChangedAt: timestamp('last_changed_at', { withTimezone: true }).notNull(),
    changeCount: integer('change_count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.clientId] }),
    index('review_pending_queue_idx').on(t.userId, t.pendingSince, t.clientId),
    // Deleting a client (an import undone) removes its marks: found by client, not by scanning every queue.
    index('review_pending_client_idx').on(t.clientId),
  ],
)

/** API tokens ("Помощь API"): only a hash is kept; a token acts as its user and can be revoked. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    companyId: companyRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    index('api_tokens_company_idx').on(t.companyId, t.createdAt),
  ],
)

/**
 * Refresh tokens, one row per issued token (its JWT carries the id): each is used once and replaced by the
 * next of its family; one used twice revokes the family (a stolen copy is of no use after the first use).
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_expiry_idx').on(t.expiresAt)],
)

/**
 * Sign-in and refresh attempts per key ("account:<email>", "address:<ip>"), each stamped with when it was
 * counted (`window_start`, the name of earlier releases' fixed windows), for a sliding window: kept in the
 * database so that processes sharing it share the allowance (modules/auth/attempts.ts).
 */
export const authAttempts = pgTable(
  'auth_attempts',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('auth_attempts_window_idx').on(t.windowStart)],
)

/** The admins' "Журнал": sign-ins, tokens, people, catalog changes and exports, kept 180 days. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    companyId: companyRef(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** The actor's name when it happened: the entry stays readable after the user is renamed or deleted. */
    actorName: text('actor_name'),
    summary: text('summary').notNull(),
    address: text('address'),
    /** The client the entry is about, if one: a personal-data export lists these. */
    clientId: uuid('client_id'),
  },
  (t) => [
    index('audit_events_company_idx').on(t.companyId, t.at.desc()),
    index('audit_events_client_idx')
      .on(t.clientId)
      .where(sql`${t.clientId} IS NOT NULL`),
    index('audit_events_action_idx').on(t.companyId, t.action, t.at.desc()),
  ],
)

/** External IDs of clients merged into another: `{clientId}` = such an ID still finds the merged client. */
export const clientAliases = pgTable(
  'client_aliases',
  {
    companyId: companyRef(),
    externalId: text('external_id').notNull(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.externalId] }), index('client_aliases_client_idx').on(t.clientId)],
)

/**
 * A merge of one client (the source, then deleted) into another, with what undoing it needs: the source as
 * it was, and what moved or changed on the target (modules/clients/merge-repo.ts).
 */
export const clientMerges = pgTable(
  'client_merges',
  {
    id: id(),
    companyId: companyRef(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id').notNull(),
    mergedBy: uuid('merged_by').references(() => users.id, { onDelete: 'set null' }),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    snapshot: jsonb('snapshot').notNull(),
  },
  (t) => [index('client_merges_target_idx').on(t.targetId)],
)

/**
 * An import or a bulk edit: many changes made as one, each history row carrying its id, so that the whole
 * can be undone (modules/batches). `done` counts rows (import) or clients (bulk) processed so far.
 */
export const changeBatches = pgTable(
  'change_batches',
  {
    id: id(),
    companyId: companyRef(),
    kind: batchKindEnum('kind').notNull(),
    status: batchStatusEnum('status').notNull().default('running'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    total: integer('total'),
    done: integer('done').notNull().default(0),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The service process running it (db/presence): while that process lives it holds an advisory lock on
     * this id, so another process can tell a batch still running from one whose process is gone.
     */
    owner: uuid('owner'),
    /** What resuming an interrupted batch needs (a bulk edit's filter and changes, the last client done); never sent. */
    resume: jsonb('resume').$type<Record<string, unknown>>(),
  },
  (t) => [index('change_batches_company_idx').on(t.companyId, t.kind, t.createdAt.desc())],
)

/** The clients an import created: undoing it deletes those nobody has touched since. */
export const batchCreatedClients = pgTable(
  'batch_created_clients',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => changeBatches.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.clientId] }), index('batch_created_clients_client_idx').on(t.clientId)],
)

/**
 * What the rows of an import read so far name: `id:`, `ext:`, `key:` (phone or e-mail) and `client:` (the card a row
 * matched), each with the first row that named it; a later row naming one again is left out. Kept here, not in
 * the service's memory, so that a file of any length takes the same memory. Each chunk claims its rows' keys in
 * its own transaction: a chunk naming a key that the chunk before it has just claimed waits for that one to
 * commit. `import_id` is the batch's id, or a dry run's own; the rows go when the import ends or is undone.
 */
export const importKeys = pgTable(
  'import_keys',
  {
    importId: uuid('import_id').notNull(),
    key: text('key').notNull(),
    row: integer('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.key] })],
)

/**
 * A value found in a client's message for one of their empty fields or parameters (modules/suggestions):
 * offered to the operator until accepted or rejected; a rejected one is not offered to this client again.
 */
export const suggestions = pgTable(
  'suggestions',
  {
    id: id(),
    companyId: companyRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** An attribute, or the client's own phone or e-mail (`field`). */
    attributeId: uuid('attribute_id').references(() => attributes.id, { onDelete: 'cascade' }),
    field: clientFieldEnum('field'),
    value: text('value').notNull(),
    status: suggestionStatusEnum('status').notNull().default('open'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // One suggestion per client, target and value, whatever became of it: a rejected one is not offered again.
    uniqueIndex('suggestions_attribute_key')
      .on(t.clientId, t.attributeId, t.value)
      .where(sql`${t.attributeId} IS NOT NULL`),
    uniqueIndex('suggestions_field_key')
      .on(t.clientId, t.field, t.value)
      .where(sql`${t.field} IS NOT NULL`),
    index('suggestions_client_idx').on(t.clientId, t.status),
    // A dialogue or a message deleted looks here for the suggestions found in it.
    index('suggestions_session_idx').on(t.sessionId),
    index('suggestions_message_idx').on(t.messageId),
  ],
)

/**
 * A named view of the client directory: its address (filters, sort, columns, as the panel's URL has them),
 * kept by one supervisor or admin for themselves or for the whole company (modules/views).
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: id(),
    companyId: companyRef(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    query: text('query').notNull(),
    shared: boolean('shared').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saved_views_company_idx').on(t.companyId, t.name)],
)

/**
 * A note by a colleague: about the client (`sessionId` null: shown in every dialogue with the client and on
 * the client page) or about one dialogue. Deleted notes stay (`deletedAt`), and each edit keeps what was
 * there before in comment_revisions (modules/comments).
 */
export const comments = pgTable(
  'comments',
  {
    id: id(),
    companyId: companyRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // Whole, not only the client's own notes: deleting a client finds all its comments through it.
    index('comments_client_idx').on(t.clientId, t.createdAt.desc()),
    index('comments_session_idx').on(t.sessionId, t.createdAt.desc()),
    trigram('comments_body_trgm_idx', t.body),
  ],
)

/** What a note said before each edit or its deletion. */
export const commentRevisions = pgTable(
  'comment_revisions',
  {
    id: id(),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('comment_revisions_comment_idx').on(t.commentId)],
)

// Card quality figures (modules/stats), kept by the database as values and history are written (triggers
// of migration 0021, listed in db/triggers.ts), so "Качество карточек" reads a few hundred rows instead of a year of history.

/**
 * The company's clients, as rows to add up: each statement that adds or deletes clients appends its count (triggers
 * of migration 0039), so writers never wait on one another; the stats route folds them into one row now and then.
 */
export const clientCounts = pgTable(
  'client_counts',
  { companyId: companyRef(), clients: integer('clients').notNull() },
  (t) => [index('client_counts_company_idx').on(t.companyId)],
)

/**
 * The counters below are kept in slots (migration 0040): a transaction adds to a slot no other open one holds (mostly
 * its connection's), so two chunks of an import written at once never wait on one counter row. Readers add them up.
 */
const slot = () => smallint('slot').notNull().default(0)

/** Clients with a value of each attribute. */
export const attributeFill = pgTable(
  'attribute_fill',
  {
    attributeId: uuid('attribute_id')
      .notNull()
      .references(() => attributes.id, { onDelete: 'cascade' }),
    slot: slot(),
    filled: integer('filled').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attributeId, t.slot] })],
)

/** Card changes per company, day (in its time zone) and author; `userId` zero for none. */
export const cardChangesDaily = pgTable(
  'card_changes_daily',
  {
    companyId: companyRef(),
    day: date('day').notNull(),
    userId: uuid('user_id').notNull(),
    slot: slot(),
    changes: integer('changes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.day, t.userId, t.slot] })],
)

/**
 * How many clients of a company share each phone (its last 10 digits: +7 and 8 agree) and each e-mail (in any
 * case), kept by the database as clients come, change and go (triggers of migration 0032): the duplicates page
 * reads the keys that two or more share instead of grouping every client.
 */
export const duplicateKeys = pgTable(
  'duplicate_keys',
  {
    // No foreign key: the triggers take a company's keys off with its clients, and an import checks no key twice.
    companyId: uuid('company_id').notNull(),
    kind: text('kind').$type<'phone' | 'email'>().notNull(),
    key: text('key').notNull(),
    clients: integer('clients').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.kind, t.key] }),
    // The duplicates page reads the shared keys of a kind from this index alone.
    index('duplicate_keys_shared_idx')
      .on(t.companyId, t.kind, t.key)
      .where(sql`${t.clients} > 1`),
  ],
)

/** Client and session tags put on, per tag and day. */
export const tagUseDaily = pgTable(
  'tag_use_daily',
  {
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    slot: slot(),
    uses: integer('uses').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.day, t.slot] })],
)

/**
 * A company's webhook (modules/webhooks): where events go, which ones, and the key they are signed with.
 * `previousSecret` still signs until `previousSecretUntil` after a rotation, so a receiver has time to switch.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: id(),
    companyId: companyRef(),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
    /** Why the service switched it off (failing for days); null when an admin did, or it is on. */
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_company_idx').on(t.companyId)],
)

/**
 * The outbox: one row per event and receiver (a company webhook, or a dialogue's TWIN callback), written in the
 * transaction of the change it tells of, then delivered by the worker (modules/webhooks/worker). `queue` orders
 * it: the next event of a client (or dialogue) for the same receiver waits for the previous one. `id` is the
 * `webhook-id` header, the same on every attempt.
 * The row is written inside the change's own statement, while the card's row is locked: it is kept cheap. So
 * `webhook_id`, `chat_id` and `company_id` carry no foreign key (each would be a key-share lock and a lookup per
 * event); deleting a webhook deletes its deliveries itself (webhooks/repo), a chat is archived, not deleted,
 * and a company's rows go with it through its webhooks' and chats' deletion. `created_at` has a BRIN index:
 * the hourly sweep of old rows needs no more.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** The company webhook it goes to; null for a dialogue's callback. */
    webhookId: uuid('webhook_id'),
    /** A dialogue's callback: the chat whose log shows it, and the address it goes to. */
    chatId: uuid('chat_id'),
    url: text('url'),
    companyId: uuid('company_id').notNull(),
    event: text('event').notNull(),
    /** The receiver and what keeps order: `<webhook id>/client:<id>`, `session:<id>` (callbackUrl), `session:<id>:events`. */
    queue: text('queue').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Retried until WEBHOOK_RETRY_DAYS after this: the event, or «Отправить снова». */
    retrySince: timestamp('retry_since', { withTimezone: true }).notNull().defaultNow(),
    /** While a worker is sending it: another one leaves it alone until then. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_pending_idx')
      .on(t.queue, t.seq)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_log_idx').on(t.webhookId, t.seq),
    index('webhook_deliveries_chat_log_idx')
      .on(t.chatId, t.seq)
      .where(sql`${t.chatId} IS NOT NULL`),
    index('webhook_deliveries_created_idx').using('brin', t.createdAt),
  ],
)

/** Every attempt to deliver, with what the receiver answered (its first 1 KB) or the network error. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: id(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    response: text('response'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.at)],
)

/**
 * Reply templates (modules/templates): shared with the company (`owner_id` null; supervisors and admins keep
 * them) or one operator's own. `body` names parameters by id (`{{param.#<id>}}`) so a renamed one keeps
 * working; `actions` is the macro: tags it puts on and parameters it sets when used. Empty `chat_ids` or
 * `group_ids`: every chat, every operator. `code` is kept in lower case, one per owner (or shared) in a company.
 */
export const templates = pgTable(
  'templates',
  {
    id: id(),
    companyId: companyRef(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    code: text('code').notNull(),
    body: text('body').notNull(),
    folder: text('folder'),
    chatIds: uuid('chat_ids').array().notNull().default([]),
    groupIds: uuid('group_ids').array().notNull().default([]),
    actions: jsonb('actions')
      .$type<{ clientTagIds: string[]; sessionTagIds: string[]; values: { attributeId: string; value: string }[] }>()
      .notNull()
      .default({ clientTagIds: [], sessionTagIds: [], values: [] }),
    /** Times used, all operators together (each use is in template_uses too). */
    uses: integer('uses').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('templates_code_key').on(
      t.companyId,
      sql`coalesce(${t.ownerId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.code,
    ),
  ],
)

/** Each use of a template: who, in which dialogue, when (the supervisors' usage report). */
export const templateUses = pgTable(
  'template_uses',
  {
    id: id(),
    companyId: companyRef(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => templates.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id'),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('template_uses_template_idx').on(t.templateId, t.userId)],
)

/**
 * «Акт об уничтожении персональных данных» (Приказ Роскомнадзора № 179): one per destruction (a request's, or a
 * retention run's), with what it destroyed by category and the Журнал lines of it. No destroyed value is kept.
 */
export const erasureActs = pgTable(
  'erasure_acts',
  {
    id: id(),
    companyId: companyRef(),
    /** Numbered within the company from 1. */
    number: integer('number').notNull(),
    /** The request it answers, if one. */
    requestId: uuid('request_id'),
    /** The person as the request identified them (what the admin typed), or the retention run's description. */
    subject: text('subject').notNull(),
    reason: text('reason').notNull(),
    clientIds: uuid('client_ids').array().notNull(),
    /** What was destroyed: `{ category, count }` in the order the act lists them. */
    categories: jsonb('categories').$type<{ category: string; count: number }[]>().notNull(),
    performedBy: uuid('performed_by').references(() => users.id, { onDelete: 'set null' }),
    performedByName: text('performed_by_name').notNull(),
    performedAt: timestamp('performed_at', { withTimezone: true }).notNull().defaultNow(),
    /** The Журнал lines of the destruction, as they were written. */
    journal: jsonb('journal')
      .$type<{ at: string; action: string; actorName: string | null; summary: string }[]>()
      .notNull(),
  },
  (t) => [uniqueIndex('erasure_acts_number_key').on(t.companyId, t.number)],
)

/** A person's request under 152-ФЗ, with its deadline in working days and how it was answered. */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: id(),
    companyId: companyRef(),
    number: integer('number').notNull(),
    kind: text('kind').$type<'access' | 'correction' | 'block' | 'erasure' | 'withdrawal'>().notNull(),
    /** How it arrived: e-mail, post, in person, a chat, a call. */
    channel: text('channel').notNull(),
    subject: text('subject').notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** Extended once, with the reason given to the person. */
    extensionReason: text('extension_reason'),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    resolution: text('resolution'),
    actId: uuid('act_id').references(() => erasureActs.id, { onDelete: 'set null' }),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('privacy_requests_number_key').on(t.companyId, t.number),
    index('privacy_requests_due_idx')
      .on(t.companyId, t.dueOn)
      .where(sql`${t.status} = 'open'`),
    // A client deleted (an import undone, retention) is looked up here, as in every table that names clients.
    index('privacy_requests_client_idx').on(t.clientId),
  ],
)
