import { ExternalLink } from 'lucide-react'
import { useAuth } from '@/lib/auth-store'

const Code = ({ children }: { children: string }) => (
  <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-900">{children}</code>
)

/** The contract's walkthrough: a client attribute created, found, set and read through Swagger UI. */
export function SwaggerWalkthrough() {
  const { baseUrl } = useAuth()
  const docsUrl = new URL('/api/docs', new URL(baseUrl, window.location.href)).href

  return (
    <section aria-labelledby="walkthrough-heading" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="walkthrough-heading" className="text-base font-semibold">
        Как попробовать в Swagger UI
      </h2>
      <a
        href={docsUrl}
        target="_blank"
        rel="noreferrer"
        className="inline-flex items-center gap-1 text-sm font-medium text-blue-800 underline"
      >
        Открыть Swagger UI «Чат сервис» <ExternalLink aria-hidden className="size-4" />
        <span className="sr-only">(в новой вкладке)</span>
      </a>
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-800">
        <li>
          Нажмите <strong>Authorize</strong> и вставьте выпущенный токен.
        </li>
        <li>
          Создайте параметр: <Code>POST /clients/attributes</Code> с телом <Code>{'{"name":"Увлечение"}'}</Code>.
        </li>
        <li>
          Найдите его id: <Code>GET /clients/attributes</Code>.
        </li>
        <li>
          Задайте значение клиенту: <Code>{'POST /clients/{clientId}/attributes/{attributeId}'}</Code> с телом{' '}
          <Code>{'{"value":"Значение атрибута"}'}</Code>.
        </li>
        <li>
          Проверьте: <Code>{'GET /clients/{clientId}/attributes'}</Code>.
        </li>
      </ol>
    </section>
  )
}
