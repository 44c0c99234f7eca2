import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { batchListSchema, batchUndoResultSchema } from '@shared/batches'
import { importResultSchema, type ImportMatch } from '@shared/imports'
import { api } from '@/lib/api-client'
import { queryKeys } from '@/lib/query-keys'

export interface ImportRun {
  file: File
  matchBy: ImportMatch
  /** One target per column; absent: by the file's headers. */
  columns?: string[]
  dryRun: boolean
}

/** POST /clients/import with the file itself as the body: a dry run counts, a real run writes. */
export function useImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ file, matchBy, columns, dryRun }: ImportRun) =>
      api.post('/clients/import', importResultSchema, file, {
        query: { dryRun, matchBy, columns: columns?.join(',') },
        headers: { 'content-type': 'text/csv' },
      }),
    onSuccess: (result) => result.importId && queryClient.invalidateQueries({ queryKey: queryKeys.clients.all }),
  })
}

/** Goes on with an interrupted import: the same file again, its rows already in are skipped. */
export function useResumeImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ importId, file }: { importId: string; file: File }) =>
      api.post(`/imports/${importId}/resume`, importResultSchema, file, { headers: { 'content-type': 'text/csv' } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.all }),
  })
}

/** Undoes an import: deletes the clients it created (unless used since) and puts back what it changed. */
export function useUndoImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (importId: string) => api.post(`/imports/${importId}/undo`, batchUndoResultSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clients.all }),
  })
}

/** The latest imports, with who ran them, what they did and whether they were undone. */
export const recentImportsQuery = () =>
  queryOptions({
    queryKey: queryKeys.clients.imports,
    queryFn: ({ signal }) => api.get('/imports', batchListSchema, { query: { limit: 10 }, signal }),
  })
