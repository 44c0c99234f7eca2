import { useQuery } from '@tanstack/react-query'
import { PasswordForm } from '@/features/account/components/password-form'
import { ProfileForm } from '@/features/account/components/profile-form'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { meQuery } from '@/lib/me'
import { roleLabel } from '@shared/labels'

export function ProfilePage() {
  const me = useQuery(meQuery())
  if (me.isPending) return <LoadingState />
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Профиль</h1>
        <p className="text-sm text-slate-700">
          {me.data.email} · {roleLabel(me.data.role)} · {me.data.companyName}
        </p>
        <section aria-labelledby="profile-name" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
          <h2 id="profile-name" className="text-base font-semibold">
            Имя
          </h2>
          <ProfileForm name={me.data.name} />
        </section>
        <section aria-labelledby="profile-password" className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
          <h2 id="profile-password" className="text-base font-semibold">
            Пароль
          </h2>
          <PasswordForm />
        </section>
      </div>
    </div>
  )
}

/** Signed in with a temporary password: nothing else until the person chooses their own. */
export function TemporaryPasswordPage() {
  return (
    <div className="flex h-full items-center justify-center p-6">
      <section
        aria-labelledby="temporary-heading"
        className="w-full max-w-sm space-y-3 rounded-lg bg-white p-6 ring-1 ring-slate-200"
      >
        <h1 id="temporary-heading" className="text-lg font-semibold">
          Задайте свой пароль
        </h1>
        <p className="text-sm text-slate-700">
          Вы вошли с временным паролем от администратора. Придумайте свой, чтобы продолжить.
        </p>
        <PasswordForm temporary />
      </section>
    </div>
  )
}
