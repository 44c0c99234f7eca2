import type { TagKind } from '@/lib/query-keys'

/** What the two catalog pages say about their kind of tag. */
export const tagKinds = {
  client: {
    title: 'Теги клиентов',
    one: 'Тег клиента',
    about: 'Характеризуют клиента и видны в каждом его диалоге: ВИП-клиент, часто обращается.',
    usage: 'Клиентов с тегом',
    example: 'ВИП-клиент',
  },
  session: {
    title: 'Теги сессий',
    one: 'Тег сессии',
    about: 'Характеризуют один диалог и видны только в нём: предоплата, кредит.',
    usage: 'Диалогов с тегом',
    example: 'предоплата',
  },
} as const satisfies Record<TagKind, unknown>
