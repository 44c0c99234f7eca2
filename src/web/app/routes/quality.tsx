import { CardQuality } from '@/features/stats/components/card-quality'

export function QualityPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-6xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Качество карточек</h1>
        <CardQuality />
      </div>
    </div>
  )
}
