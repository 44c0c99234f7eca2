import {
  BarChart3,
  BookOpen,
  ClipboardCheck,
  CopySlash,
  FileUp,
  KeyRound,
  LogOut,
  MessagesSquare,
  MessageSquareText,
  ScrollText,
  ShieldCheck,
  UserCog,
  Users,
  Webhook,
  type LucideIcon,
} from 'lucide-react'
import { lazy, Suspense, type LazyExoticComponent } from 'react'
import { Link, NavLink } from 'react-router'
import type { Me } from '@shared/auth'
import type { Role } from '@shared/common'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/cn'
import type { LiveStatus } from '@/lib/events'
import { roleLabel } from '@shared/labels'
import { LiveStatusNote } from './live-status'
import { ShortcutsHelp } from './shortcuts-help'

const REVIEWERS: Role[] = ['supervisor', 'admin']
// Saved views load after the shell: the first screen carries none of their code.
const ViewsNav = lazy(() => import('@/features/views/components/views-nav'))
// Badges load after the shell too: each asks the service for its own count.
const PendingBadge = lazy(() => import('@/features/reviews/components/pending-badge'))
const WebhooksBadge = lazy(() => import('@/features/webhooks/components/webhooks-badge'))
const PrivacyBadge = lazy(() => import('@/features/privacy/components/privacy-badge'))
// «На связи» right after the shell (with its mutation and toasts): its place is held meanwhile.
const StatusSwitch = lazy(() => import('@/features/auth/components/status-switch'))

/** `roles`: who sees the section; everyone when absent. `badge`: a count beside it. */
const sections: {
  to: string
  label: string
  icon: LucideIcon
  roles?: Role[]
  badge?: LazyExoticComponent<() => React.JSX.Element | null>
}[] = [
  { to: '/dialogs', label: 'Диалоги', icon: MessagesSquare },
  { to: '/clients', label: 'Клиенты', icon: Users },
  { to: '/templates', label: 'Шаблоны', icon: MessageSquareText },
  { to: '/reviews', label: 'Проверка', icon: ClipboardCheck, roles: REVIEWERS, badge: PendingBadge },
  { to: '/duplicates', label: 'Дубликаты', icon: CopySlash, roles: REVIEWERS },
  { to: '/quality', label: 'Качество карточек', icon: BarChart3, roles: REVIEWERS },
  { to: '/catalog', label: 'Каталог', icon: BookOpen, roles: ['admin'] },
  { to: '/import', label: 'Импорт', icon: FileUp, roles: ['admin'] },
  { to: '/users', label: 'Сотрудники', icon: UserCog, roles: ['admin'] },
  { to: '/audit', label: 'Журнал', icon: ScrollText, roles: ['admin'] },
  { to: '/webhooks', label: 'Вебхуки', icon: Webhook, roles: ['admin'], badge: WebhooksBadge },
  { to: '/privacy', label: 'Персональные данные', icon: ShieldCheck, roles: ['admin'], badge: PrivacyBadge },
  { to: '/api-help', label: 'Помощь API', icon: KeyRound, roles: ['admin'] },
]

export function Sidebar({ me, live, onSignOut }: { me: Me; live: LiveStatus; onSignOut: () => void }) {
  return (
    // Below 1280 px only the icons stay (each named for screen readers and in a tooltip): the room goes to the work.
    <aside className="flex w-14 shrink-0 flex-col border-r border-slate-200 bg-white xl:w-56">
      <div className="px-2 py-4 xl:px-4">
        <p className="text-lg font-semibold text-slate-900">
          <span aria-hidden className="xl:hidden">
            K
          </span>
          <span className="sr-only xl:not-sr-only">Kartoteka</span>
        </p>
        <p className="hidden truncate text-xs text-slate-600 xl:block">{me.companyName}</p>
      </div>
      <nav aria-label="Разделы" className="flex-1 px-2">
        <ul className="space-y-0.5">
          {sections
            .filter((s) => !s.roles || s.roles.includes(me.role))
            .map(({ to, label, icon: Icon, badge: Badge }) => (
              <li key={to}>
                <NavLink
                  to={to}
                  title={label}
                  className={({ isActive }) =>
                    cn(
                      'relative flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium xl:px-3',
                      isActive ? 'bg-blue-50 text-blue-800' : 'text-slate-700 hover:bg-slate-100',
                    )
                  }
                >
                  <Icon aria-hidden className="size-4 shrink-0" />{' '}
                  <span className="sr-only xl:not-sr-only">{label}</span>
                  {Badge && (
                    <Suspense fallback={null}>
                      <Badge />
                    </Suspense>
                  )}
                </NavLink>
                {to === '/clients' && (
                  <Suspense fallback={null}>
                    <ViewsNav />
                  </Suspense>
                )}
              </li>
            ))}
        </ul>
      </nav>
      <div className="space-y-3 border-t border-slate-200 p-2 xl:p-4">
        <LiveStatusNote status={live} />
        <div className="hidden xl:block">
          <Link
            to="/profile"
            title="Профиль: имя и пароль"
            className="block truncate text-sm font-medium text-slate-900 hover:underline"
          >
            {me.name}
          </Link>
          <p className="text-xs text-slate-600">{roleLabel(me.role)}</p>
        </div>
        <Suspense fallback={<div className="h-6" />}>
          <StatusSwitch me={me} />
        </Suspense>
        <ShortcutsHelp />
        <Button variant="secondary" size="sm" className="w-full px-0 xl:px-2.5" onClick={onSignOut} title="Выйти">
          <LogOut aria-hidden className="size-4" /> <span className="sr-only xl:not-sr-only">Выйти</span>
        </Button>
      </div>
    </aside>
  )
}
