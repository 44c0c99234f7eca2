import { ApiTokenPanel } from '@/features/api-help/components/api-token-panel'
import { SwaggerWalkthrough } from '@/features/api-help/components/swagger-walkthrough'

export function ApiHelpPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Помощь API</h1>
        <ApiTokenPanel />
        <SwaggerWalkthrough />
      </div>
    </div>
  )
}
