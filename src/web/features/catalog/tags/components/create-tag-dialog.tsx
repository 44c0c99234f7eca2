import { Plus } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog'
import { useCreateTag } from '@/features/catalog/tags/api/tag-catalog-mutations'
import type { TagKind } from '@/lib/query-keys'
import { TagForm } from './tag-form'
import { tagKinds } from './tag-kinds'

export function CreateTagDialog({ kind }: { kind: TagKind }) {
  const [open, setOpen] = useState(false)
  const create = useCreateTag(kind)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden className="size-4" /> Новый тег
        </Button>
      </DialogTrigger>
      {/* Mounted only while open: every opening starts from an empty form. */}
      <DialogContent title={`Новый ${tagKinds[kind].one.toLowerCase()}`}>
        <TagForm
          kind={kind}
          example={tagKinds[kind].example}
          submitLabel="Создать"
          // `name` rather than TWIN's `tag`: the same field name as in the edit form.
          defaultValues={{ name: '', color: 'gray', description: '', groupId: null }}
          onSubmit={async (input) => {
            const tag = await create.mutateAsync(input)
            toast.success(`Тег «${tag.name}» создан`)
            setOpen(false)
          }}
        />
      </DialogContent>
    </Dialog>
  )
}
