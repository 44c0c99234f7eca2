import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { ActsPanel } from '@/features/privacy/components/acts-panel'
import { PrivacySettings } from '@/features/privacy/components/privacy-settings'
import { RequestsPanel } from '@/features/privacy/components/requests-panel'

export function PrivacyPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Запросы по персональным данным</h1>
        <p className="text-sm text-slate-700">
          Запросы людей по 152-ФЗ со сроками ответа в рабочих днях, акты об уничтожении данных и срок хранения.
          Выгрузить, заблокировать или уничтожить данные клиента — на странице клиента.
        </p>
        <Tabs defaultValue="requests" className="space-y-4">
          <TabsList className="max-w-md">
            <TabsTrigger value="requests">Запросы</TabsTrigger>
            <TabsTrigger value="acts">Акты</TabsTrigger>
            <TabsTrigger value="settings">Сроки и хранение</TabsTrigger>
          </TabsList>
          <TabsContent value="requests">
            <RequestsPanel />
          </TabsContent>
          <TabsContent value="acts">
            <ActsPanel />
          </TabsContent>
          <TabsContent value="settings">
            <PrivacySettings />
          </TabsContent>
        </Tabs>
      </div>
    </div>
  )
}
