// What both card benchmarks render: the "О клиенте" attributes of one client with 200 filled values,
// every type among them, from a warm cache (no network).
import { QueryClientProvider } from '@tanstack/react-query'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { ATTRIBUTE_TYPES, hasOptions, type ClientAttribute } from '../src/shared/attributes'
import { clientAttributeQueries } from '../src/web/features/client-card/api/attributes'
import { ClientAttributes } from '../src/web/features/client-card/components/attributes-section'
import { createQueryClient } from '../src/web/lib/query-client'
import { COUNT } from './card-render-stats'
const CLIENT = '00000000-0000-4000-8000-000000000001'

const sample: Record<(typeof ATTRIBUTE_TYPES)[number], string> = {
  text: 'Любит рыбалку и походы',
  number: '42',
  date: '2024-03-12',
  boolean: 'true',
  select: 'Золото',
  multiselect: '["Золото","Серебро"]',
  email: 'ivan@example.ru',
  phone: '+7 900 123-45-67',
  link: 'https://example.ru',
}

const attributes: ClientAttribute[] = Array.from({ length: COUNT }, (_, i) => {
  const type = ATTRIBUTE_TYPES[i % ATTRIBUTE_TYPES.length]!
  return {
    id: `00000000-0000-4000-8000-${String(i + 1000).padStart(12, '0')}`,
    name: `Параметр ${i + 1}`,
    type,
    options: hasOptions(type) ? ['Золото', 'Серебро'] : [],
    description: i % 3 ? null : 'Подсказка оператору',
    position: i,
    pinned: i % 10 === 0,
    editableBy: 'all',
    canEdit: true,
    value: sample[type],
    version: 1,
    updatedAt: '2024-03-12T10:00:00.000Z',
    updatedBy: { id: 'u1', name: 'Оператор' },
  }
})

/** The first row's value button and, once it is clicked, its input. */
export const FIRST_VALUE = 'Параметр 1: Любит рыбалку и походы'
export const FIRST_INPUT = 'Параметр 1'

/** Renders synchronously (flushSync, not testing-library's act: act is missing from React's production build). */
export function mountCard(container: HTMLElement): Root {
  const queryClient = createQueryClient()
  queryClient.setQueryData(clientAttributeQueries.list(CLIENT).queryKey, { count: COUNT, items: attributes })
  const root = createRoot(container)
  flushSync(() =>
    root.render(
      <QueryClientProvider client={queryClient}>
        <ClientAttributes clientId={CLIENT} />
      </QueryClientProvider>,
    ),
  )
  return root
}
