import { isRouteErrorResponse, useRouteError } from 'react-router'
import { Button } from '@/components/ui/button'

/** The last resort of the router: a page module that failed to load (often a new release) or a bug. */
export function RouteError() {
  const error = useRouteError()
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : ''
  return (
    <main role="alert" className="mx-auto max-w-md space-y-3 p-8 text-center">
      <h1 className="text-lg font-semibold">Страница не открылась</h1>
      {message && <p className="text-sm break-words text-slate-700">{message}</p>}
      <Button onClick={() => window.location.reload()}>Обновить страницу</Button>
    </main>
  )
}
