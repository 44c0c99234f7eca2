import { Navigate, useSearchParams } from 'react-router'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { LoginForm } from '@/features/auth/components/login-form'
import { TokenForm } from '@/features/auth/components/token-form'
import { DEFAULT_BASE_URL, setBaseUrl, useAuth } from '@/lib/auth-store'

/** Only a path of this panel: `?redirect=//evil.example` must not send anyone away. */
const safeRedirect = (to: string | null) => (to?.startsWith('/') && !to.startsWith('//') ? to : '/dialogs')

export function LoginPage() {
  const auth = useAuth()
  const [params] = useSearchParams()

  // Signing in on either tab starts the session, and this sends the person on.
  if (auth.authToken) return <Navigate to={safeRedirect(params.get('redirect'))} replace />

  return (
    <main className="flex min-h-full items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <div className="space-y-1 text-center">
          <h1 className="text-xl font-semibold">Kartoteka</h1>
          <p className="text-sm text-slate-600">Вход в панель оператора</p>
        </div>
        {auth.ended === 'expired' && (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Сессия закончилась. Войдите снова, чтобы вернуться туда, где вы были.
          </p>
        )}
        <Tabs defaultValue="password" className="space-y-4">
          <TabsList>
            <TabsTrigger value="password">Почта и пароль</TabsTrigger>
            <TabsTrigger value="token">Токен</TabsTrigger>
          </TabsList>
          <TabsContent value="password" className="space-y-3">
            {auth.baseUrl !== DEFAULT_BASE_URL && (
              <p className="text-xs text-slate-600">
                Сервер: <span className="font-mono break-all">{auth.baseUrl}</span>{' '}
                <button type="button" className="text-blue-800 underline" onClick={() => setBaseUrl(DEFAULT_BASE_URL)}>
                  Вернуть сервер этого сайта
                </button>
              </p>
            )}
            <LoginForm />
          </TabsContent>
          <TabsContent value="token">
            <TokenForm baseUrl={auth.baseUrl} />
          </TabsContent>
        </Tabs>
      </div>
    </main>
  )
}
