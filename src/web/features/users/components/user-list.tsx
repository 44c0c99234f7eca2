import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { toast } from 'sonner'
import { roleSchema, type Role } from '@shared/common'
import type { TemporaryPassword as Reset, User } from '@shared/users'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { Dialog, DialogContent } from '@/components/ui/dialog'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { usersQuery, useResetPassword, useUpdateUser } from '@/features/users/api/users'
import { roleLabel } from '@shared/labels'
import { TemporaryPassword } from './temporary-password'

/** Everyone in the company, with their role and access; the admin changes both in place. */
export function UserList({ meId }: { meId: string }) {
  const users = useQuery(usersQuery())
  const [reset, setReset] = useState<Reset | null>(null)
  if (users.isPending) return <LoadingState />
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />
  return (
    <>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Сотрудник
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Роль
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Доступ
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Действия</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.data.items.map((user) => (
            <UserRow key={user.id} user={user} isMe={user.id === meId} onReset={setReset} />
          ))}
        </tbody>
      </table>
      <Dialog open={reset !== null} onOpenChange={(open) => !open && setReset(null)}>
        <DialogContent title="Пароль сброшен" description="Все входы сотрудника завершены.">
          {reset && <TemporaryPassword email={reset.user.email} password={reset.temporaryPassword} />}
        </DialogContent>
      </Dialog>
    </>
  )
}

function UserRow({ user, isMe, onReset }: { user: User; isMe: boolean; onReset: (r: Reset) => void }) {
  const update = useUpdateUser()
  const resetPassword = useResetPassword()
  const change = (patch: { role?: Role; active?: boolean }, done: string) =>
    update.mutate(
      { id: user.id, ...patch },
      {
        onSuccess: () => toast.success(done),
        onError: (err) => toast.error(`${user.name}: ${err.message}`),
      },
    )
  const selectId = `role-${user.id}`
  return (
    <tr className="border-b border-slate-100 align-middle">
      <td className="py-2 pr-3">
        <p className="font-medium text-slate-900">
          {user.name}
          {isMe && <span className="text-slate-600"> (вы)</span>}
        </p>
        <p className="text-xs text-slate-600">{user.email}</p>
      </td>
      <td className="py-2 pr-3">
        <label htmlFor={selectId} className="sr-only">
          Роль: {user.name}
        </label>
        <select
          id={selectId}
          value={update.isPending && update.variables.role ? update.variables.role : user.role}
          disabled={update.isPending}
          onChange={(e) =>
            change({ role: e.target.value as Role }, `${user.name}: ${roleLabel(e.target.value as Role).toLowerCase()}`)
          }
          className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
        >
          {roleSchema.options.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </td>
      <td className="space-x-1 py-2 pr-3">
        {user.active ? <Badge tone="green">Активен</Badge> : <Badge tone="red">Отключён</Badge>}
        {user.mustChangePassword && <Badge>Временный пароль</Badge>}
      </td>
      <td className="space-x-2 py-2 text-right whitespace-nowrap">
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm">
              Сбросить пароль
            </Button>
          }
          title={`Сбросить пароль: ${user.name}?`}
          description="Сотрудник получит временный пароль, все его входы завершатся."
          confirmLabel="Сбросить"
          mutation={resetPassword}
          onConfirm={(close) => resetPassword.mutate(user.id, { onSuccess: (r) => (close(), onReset(r)) })}
        />
        {user.active ? (
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm">
                Отключить
              </Button>
            }
            title={`Отключить ${user.name}?`}
            description="Войти будет нельзя, все токены сотрудника перестанут действовать. Включить обратно можно в любой момент."
            confirmLabel="Отключить"
            mutation={update}
            onConfirm={(close) =>
              update.mutate(
                { id: user.id, active: false },
                { onSuccess: () => (close(), toast.success(`${user.name} отключён`)) },
              )
            }
          />
        ) : (
          <Button
            variant="secondary"
            size="sm"
            disabled={update.isPending}
            onClick={() => change({ active: true }, `${user.name} снова может войти`)}
          >
            Включить
          </Button>
        )}
      </td>
    </tr>
  )
}
