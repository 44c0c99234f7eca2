import { useQuery } from '@tanstack/react-query'
import { InviteUserDialog } from '@/features/users/components/invite-user-dialog'
import { UserList } from '@/features/users/components/user-list'
import { meQuery } from '@/lib/me'

export function UsersPage() {
  const me = useQuery(meQuery())
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-4xl space-y-4 p-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-xl font-semibold">Сотрудники</h1>
          <InviteUserDialog />
        </div>
        {me.data && <UserList meId={me.data.id} />}
      </div>
    </div>
  )
}
