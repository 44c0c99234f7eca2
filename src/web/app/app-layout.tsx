import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { Navigate, Outlet, useLocation, useNavigation } from 'react-router'
import { Button } from '@/components/ui/button'
import { ErrorState, LoadingState } from '@/components/ui/states'
import { useSignOut } from '@/features/auth/api/sign-out'
import { meQuery } from '@/lib/me'
import { useAuth } from '@/lib/auth-store'
import { useLiveUpdates } from '@/lib/events'
import { useUnreadTitle } from '@/lib/unread-title'
import { Sidebar } from './sidebar'

// Its form (react-hook-form, zod) loads only for the few who sign in with a temporary password.
const TemporaryPasswordPage = lazy(() => import('./routes/profile').then((m) => ({ default: m.TemporaryPasswordPage })))

/** Everything behind sign-in. A session that ends (expired, revoked) leads to sign-in and back here. */
export function AppLayout() {
  const { authToken, ended } = useAuth()
  const location = useLocation()
  if (!authToken) {
    const back = encodeURIComponent(location.pathname + location.search)
    return <Navigate to={ended === 'signed-out' ? '/login' : `/login?redirect=${back}`} replace />
  }
  return <SignedIn />
}

function SignedIn() {
  const me = useQuery(meQuery())
  const signOut = useSignOut()
  const live = useLiveUpdates()
  useUnreadTitle()
  const navigation = useNavigation()

  if (me.isPending) return <LoadingState label="Загружаем профиль…" />
  if (me.isError) {
    return (
      <div className="flex flex-col items-center">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
        <Button variant="ghost" onClick={signOut}>
          Выйти
        </Button>
      </div>
    )
  }

  if (me.data.mustChangePassword) {
    return (
      <Suspense fallback={<LoadingState />}>
        <TemporaryPasswordPage />
        <div className="-mt-4 flex justify-center">
          <Button variant="ghost" onClick={signOut}>
            Выйти
          </Button>
        </div>
      </Suspense>
    )
  }

  return (
    <div className="flex h-full">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        Перейти к содержимому
      </a>
      <Sidebar me={me.data} live={live} onSignOut={signOut} />
      <main id="main" tabIndex={-1} className="relative flex min-w-0 flex-1 flex-col overflow-hidden">
        {navigation.state === 'loading' && (
          <div
            role="progressbar"
            aria-label="Открываем страницу"
            className="absolute inset-x-0 top-0 h-0.5 animate-pulse bg-blue-600"
          />
        )}
        <Outlet />
      </main>
    </div>
  )
}
