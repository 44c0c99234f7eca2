import { useMutation } from '@tanstack/react-query'
import { toast } from 'sonner'
import { api } from '@/lib/api-client'

/** Hands a fetched file to the browser's downloads, as a link with `download` would. */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Some browsers read the blob after click() returns: let them finish before it goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * "Экспорт CSV": the directory as filtered and sorted now (GET /clients/export.csv takes the same
 * query). The file is fetched with the session's token, since the export is not public.
 */
export function useExportCsv() {
  return useMutation({
    mutationFn: async (apiQuery: URLSearchParams) => {
      const { blob, filename } = await api.download('/clients/export.csv', { query: apiQuery })
      saveBlob(blob, filename ?? `clients-${new Date().toISOString().slice(0, 10)}.csv`)
    },
    onError: (error) => toast.error(`Не удалось выгрузить клиентов: ${error.message}`),
  })
}
