import { CopyButton } from '@/components/ui/copy-button'

/** A temporary password, shown once: the admin passes it on, the person replaces it at first sign-in. */
export function TemporaryPassword({ email, password }: { email: string; password: string }) {
  return (
    <div role="status" className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-slate-800 ring-1 ring-amber-200">
      <p>
        Временный пароль для <span className="font-medium">{email}</span> (показывается один раз):
      </p>
      <p className="flex items-center gap-2">
        <code className="rounded bg-white px-2 py-1 font-mono text-base">{password}</code>
        <CopyButton value={password} what="Пароль" />
      </p>
      <p className="text-xs text-slate-700">При первом входе сотрудник задаст свой пароль.</p>
    </div>
  )
}
