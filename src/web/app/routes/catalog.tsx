import { NavLink, Outlet } from 'react-router'
import { cn } from '@/lib/cn'

const sections = [
  { to: '/catalog/attributes', label: 'Параметры' },
  { to: '/catalog/client-tags', label: 'Теги клиентов' },
  { to: '/catalog/session-tags', label: 'Теги сессий' },
  { to: '/catalog/chats', label: 'Каналы' },
  { to: '/catalog/groups', label: 'Группы' },
  { to: '/catalog/company', label: 'Компания' },
]

/** The company's catalogs: what operators can fill in and pick on a client card. */
export function CatalogPage() {
  return (
    <div className="flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-4 p-6">
        <h1 className="text-xl font-semibold">Каталог</h1>
        <nav aria-label="Разделы каталога" className="flex gap-1 border-b border-slate-200">
          {sections.map((s) => (
            <NavLink
              key={s.to}
              to={s.to}
              className={({ isActive }) =>
                cn(
                  '-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600',
                  isActive ? 'border-blue-600 text-blue-700' : 'border-transparent text-slate-600 hover:text-slate-900',
                )
              }
            >
              {s.label}
            </NavLink>
          ))}
        </nav>
        <Outlet />
      </div>
    </div>
  )
}
