import { Download } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { useExportCsv } from '@/features/clients/api/export-csv'

/** Downloads the directory as filtered and sorted now; the columns of the file are all of them. */
export function ExportButton({ apiQuery }: { apiQuery: URLSearchParams }) {
  const exportCsv = useExportCsv()
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => exportCsv.mutate(apiQuery)}
      disabled={exportCsv.isPending}
      aria-busy={exportCsv.isPending || undefined}
      title="Все отобранные клиенты, по столбцу на каждый параметр"
    >
      {exportCsv.isPending ? <Spinner /> : <Download aria-hidden className="size-4" />} Экспорт CSV
    </Button>
  )
}
