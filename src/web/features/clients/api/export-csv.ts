import { useMutation } from '@tanstack/react-query'
import { toast } from 'sonner'
import { api } from '@/lib/api-client'
import { saveFile } from '@/lib/save-file'

/**
 * "Экспорт CSV": the directory as filtered and sorted now (GET /clients/export.csv takes the same
 * query). The file is fetched with the session's token, since the export is not public.
 */
export function useExportCsv() {
  return useMutation({
    mutationFn: async (apiQuery: URLSearchParams) => {
      const { blob, filename } = await api.download('/clients/export.csv', { query: apiQuery })
      saveFile(blob, filename ?? `clients-${new Date().toISOString().slice(0, 10)}.csv`)
    },
    onError: (error) => toast.error(`Не удалось выгрузить клиентов: ${error.message}`),
  })
}
