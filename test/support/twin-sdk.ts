import { expect } from 'vitest'

/**
 * What TWIN's public PHP SDK (composer `twin/sdk`, `src/Http/*\/V1/Response/Entity`) accepts in a
 * response, written out field by field: a type its entity would refuse makes the SDK's call fail.
 * `?` marks a nullable property. Entities built with `ignoreNonExistingValues` skip a missing key;
 * the others (`strict`) read a missing key as null.
 */
type Scalar = 'string' | 'int' | 'bool' | 'datetime' | 'array' | 'mixed'
type FieldType = Scalar | `?${Scalar}` | { entity: Entity; nullable: boolean; list?: boolean; map?: boolean }
export interface Entity {
  name: string
  strict?: boolean
  fields: Record<string, FieldType>
}

const opt = (entity: Entity, opts: { list?: boolean; map?: boolean } = {}): FieldType => ({
  entity,
  nullable: true,
  ...opts,
})
const req = (entity: Entity, opts: { list?: boolean } = {}): FieldType => ({ entity, nullable: false, ...opts })

const attachmentItem: Entity = {
  name: 'Sessions\\AttachmentListItem',
  fields: { id: '?string', name: '?string', contentType: '?string', size: '?int', private: '?bool', url: '?string' },
}
const messageAttachmentItem: Entity = {
  name: 'Entity\\AttachmentListItem',
  fields: {
    id: '?string',
    isPrivate: '?bool',
    createdAt: '?datetime',
    name: '?string',
    baseName: '?string',
    extension: '?string',
    sugestedExtension: '?string',
    path: '?string',
    size: '?int',
    url: '?string',
    downloadLink: '?string',
  },
}
const operatorItem: Entity = {
  name: 'OperatorListItem',
  fields: { id: '?int', name: '?string', type: '?string', assigned_at: '?datetime' },
}

export const lastMessage: Entity = {
  name: 'LastMessage',
  fields: {
    id: '?string',
    authorId: '?string',
    authorType: '?string',
    authorName: '?string',
    type: '?string',
    body: '?string',
    attachments: opt(attachmentItem, { list: true }),
    createdAt: '?datetime',
    readAt: '?datetime',
  },
}

export const sessionInfo: Entity = {
  name: 'SessionInfo',
  fields: {
    id: '?string',
    chatId: '?string',
    name: '?string',
    markedAsSpam: '?bool',
    ttl: '?int',
    operatorId: '?string',
    operatorName: '?string',
    operatorAssignedAt: '?datetime',
    operators: opt(operatorItem, { list: true }),
    channel: '?string',
    messengerType: '?string',
    botStatus: '?string',
    status: '?string',
    startedAt: '?datetime',
    clientOnlineAt: '?datetime',
    clientOfflineAt: '?datetime',
    unreadClientMessageCount: '?int',
    lastMessageCreatedAt: '?datetime',
    lastMessage: '?array',
    clientId: 'mixed',
    clientBanned: '?bool',
    referer: '?string',
    tags: '?string',
    timerFirstAnswer: '?int',
    timerNextAnswers: '?int',
    lastOperatorMessage: '?string',
    firstClientMessageAfterLastOperatorMessage: '?string',
  },
}
export const sessionCollection: Entity = {
  name: 'SessionCollection',
  strict: true,
  fields: { count: 'int', items: req(sessionInfo, { list: true }) },
}

const replyMessage: Entity = {
  name: 'ReplyMessage',
  fields: {
    id: '?string',
    sessionId: '?string',
    userId: '?string',
    botId: '?string',
    body: '?string',
    authorType: '?string',
    attachments: opt(messageAttachmentItem, { list: true }),
    createdAt: '?datetime',
    authorName: '?string',
    type: '?string',
    clientId: '?string',
    answers: '?array',
    keyboard: '?array',
    actions: '?array',
  },
}
export const messageListItem: Entity = {
  name: 'MessageListItem',
  fields: {
    id: '?string',
    authorId: '?string',
    authorType: '?string',
    authorName: '?string',
    type: '?string',
    body: '?string',
    answers: '?array',
    keyboard: '?array',
    readAt: '?datetime',
    createdAt: '?datetime',
    updatedAt: '?datetime',
    attachments: opt(messageAttachmentItem, { list: true }),
    sessionId: '?string',
    replyTo: opt(replyMessage),
  },
}
export const messageCollection: Entity = {
  name: 'MessageCollection',
  strict: true,
  fields: { count: 'int', items: req(messageListItem, { list: true }) },
}
export const createdMessage: Entity = {
  name: 'CreateClientChatMessage',
  fields: { id: '?string', createdAt: '?datetime' },
}

export const authenticationTokenData: Entity = {
  name: 'AuthenticationTokenData',
  strict: true,
  fields: { token: 'string', refreshToken: 'string' },
}

const startMessageItem: Entity = {
  name: 'StartChatSession\\MessageListItem',
  fields: {
    authorId: '?string',
    authorType: '?string',
    body: '?string',
    actions: '?array',
    answers: '?array',
    keyboard: '?array',
    attachments: opt(attachmentItem, { list: true }),
  },
}
export const startChatSession: Entity = {
  name: 'StartChatSession',
  fields: {
    id: '?string',
    clientId: '?string',
    startedAt: '?datetime',
    ttl: '?int',
    messages: opt(startMessageItem, { list: true }),
  },
}

export const chatListItem: Entity = {
  name: 'ChatListItem',
  fields: {
    id: '?string',
    botId: '?string',
    name: '?string',
    botName: '?string',
    sessionReloadBotId: '?string',
    sessionReloadBotName: '?string',
    sessionTtl: '?int',
    eventCallbackUrl: '?string',
    eventCallbackData: '?string',
    messengers: '?array',
    timerFirstAnswer: '?int',
    timerNextAnswers: '?int',
    createdAt: '?datetime',
    updatedAt: '?datetime',
  },
}
export const chatCollection: Entity = {
  name: 'ChatCollection',
  strict: true,
  fields: { count: 'int', items: req(chatListItem, { list: true }) },
}
export const chatDetails: Entity = {
  name: 'ChatDetails',
  fields: {
    id: 'string',
    companyId: 'int',
    botId: 'string',
    botName: 'string',
    name: 'string',
    sessionTtl: 'int',
    operatorsBusyMessage: 'string',
    allowableOperatorIdleTime: 'int',
    sessionReloadBotId: '?string',
    sessionRatingRequired: 'bool',
    sessionRatingTriggerTime: 'int',
    answerOnFirstClientMessage: 'bool',
    eventCallbackUrl: '?string',
    eventCallbackData: '?string',
    notifyOnEvents: 'array',
    fcmServerKey: '?string',
    fcmServiceUrl: '?string',
    knowledgeBase: '?string',
    pushData: 'array',
    messengers: 'array',
    form: 'array',
    appearance: 'array',
    results: 'array',
    timerFirstAnswer: 'int',
    timerNextAnswers: 'int',
  },
}
export const createChat: Entity = { name: 'CreateChat', strict: true, fields: { id: 'string' } }

const isArray = (v: unknown) => typeof v === 'object' && v !== null
const scalarOk: Record<Scalar, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  int: (v) => Number.isInteger(v),
  bool: (v) => typeof v === 'boolean',
  // PHP's DateTimeImmutable reads ISO-8601.
  datetime: (v) =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)),
  array: isArray,
  mixed: () => true,
}

/** The problems the SDK would have with `value` as `entity`; an empty list means it parses. */
export function sdkProblems(entity: Entity, value: unknown, path = entity.name): string[] {
  if (!isArray(value) || Array.isArray(value)) return [`${path}: not an object`]
  const body = value as Record<string, unknown>
  return Object.entries(entity.fields).flatMap(([field, type]) => {
    const at = `${path}.${field}`
    if (!(field in body) && !entity.strict) return []
    const v = body[field] ?? null
    if (typeof type === 'string') {
      const nullable = type.startsWith('?') || type === 'mixed'
      if (v === null) return nullable ? [] : [`${at}: null for a non-nullable ${type}`]
      return scalarOk[type.replace('?', '') as Scalar](v) ? [] : [`${at}: ${JSON.stringify(v)} is not ${type}`]
    }
    if (v === null) return type.nullable ? [] : [`${at}: null for ${type.entity.name}`]
    if (type.list) {
      if (!Array.isArray(v)) return [`${at}: not a list`]
      return v.flatMap((item, i) => sdkProblems(type.entity, item, `${at}[${i}]`))
    }
    return sdkProblems(type.entity, v, at)
  })
}

export function expectSdkParses(entity: Entity, value: unknown) {
  expect(sdkProblems(entity, value)).toEqual([])
}

/** PHP's http_build_query, as Guzzle's `query` option builds a GET's query string: booleans as 1/0, nulls dropped. */
export function phpQuery(params: Record<string, string | number | boolean | null | undefined>) {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue
    q.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value))
  }
  return q.toString()
}
