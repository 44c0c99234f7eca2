import { ReviewKeys } from '@/features/reviews/components/review-keys'
import { ReviewQueue } from '@/features/reviews/components/review-queue'

export function ReviewsPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto grid max-w-5xl items-start gap-4 p-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="space-y-3">
          <h1 className="text-xl font-semibold">Проверка</h1>
          <p className="text-sm text-slate-600">Карточки клиентов, изменённые после вашей последней проверки.</p>
          <ReviewQueue />
        </div>
        <ReviewKeys />
      </div>
    </div>
  )
}
