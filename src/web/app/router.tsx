import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router'
import { LoadingState } from '@/components/ui/states'
import { AppLayout } from './app-layout'
import { NotFound } from './not-found'
import { RequireRole } from './require-role'
import { RouteError } from './route-error'

// Every page is its own chunk: the first load carries only the shell, and sign-in stays light.
export const routes: RouteObject[] = [
  {
    element: <Outlet />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState />,
    children: [
      { path: '/login', lazy: () => import('./routes/login').then((m) => ({ Component: m.LoginPage })) },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/dialogs" replace /> },
          {
            path: '/dialogs',
            lazy: () => import('./routes/dialogues').then((m) => ({ Component: m.DialoguesPage })),
            children: [
              {
                index: true,
                lazy: () => import('./routes/dialogues').then((m) => ({ Component: m.NoDialogueSelected })),
              },
              {
                path: ':sessionId',
                lazy: () => import('./routes/dialogue').then((m) => ({ Component: m.DialoguePage })),
              },
            ],
          },
          { path: '/clients', lazy: () => import('./routes/clients').then((m) => ({ Component: m.ClientsPage })) },
          {
            path: '/clients/:clientId',
            lazy: () => import('./routes/client').then((m) => ({ Component: m.ClientPage })),
          },
          { path: '/profile', lazy: () => import('./routes/profile').then((m) => ({ Component: m.ProfilePage })) },
          {
            path: '/templates',
            lazy: () => import('./routes/templates').then((m) => ({ Component: m.TemplatesPage })),
          },
          {
            element: (
              <RequireRole roles={['supervisor', 'admin']} title="Раздел доступен руководителям и администраторам" />
            ),
            children: [
              { path: '/reviews', lazy: () => import('./routes/reviews').then((m) => ({ Component: m.ReviewsPage })) },
              { path: '/quality', lazy: () => import('./routes/quality').then((m) => ({ Component: m.QualityPage })) },
              {
                path: '/duplicates',
                lazy: () => import('./routes/duplicates').then((m) => ({ Component: m.DuplicatesPage })),
              },
            ],
          },
          {
            element: <RequireRole roles={['admin']} title="Раздел доступен только администраторам" />,
            children: [
              {
                path: '/catalog',
                lazy: () => import('./routes/catalog').then((m) => ({ Component: m.CatalogPage })),
                children: [
                  { index: true, element: <Navigate to="/catalog/attributes" replace /> },
                  {
                    path: 'attributes',
                    lazy: () =>
                      import('./routes/catalog-attributes').then((m) => ({ Component: m.CatalogAttributesPage })),
                  },
                  {
                    path: 'client-tags',
                    lazy: () => import('./routes/catalog-tags').then((m) => ({ Component: m.ClientTagsPage })),
                  },
                  {
                    path: 'session-tags',
                    lazy: () => import('./routes/catalog-tags').then((m) => ({ Component: m.SessionTagsPage })),
                  },
                  {
                    path: 'chats',
                    lazy: () => import('./routes/catalog-chats').then((m) => ({ Component: m.CatalogChatsPage })),
                  },
                  {
                    path: 'groups',
                    lazy: () => import('./routes/catalog-groups').then((m) => ({ Component: m.CatalogGroupsPage })),
                  },
                  {
                    path: 'company',
                    lazy: () => import('./routes/catalog-company').then((m) => ({ Component: m.CatalogCompanyPage })),
                  },
                ],
              },
              { path: '/import', lazy: () => import('./routes/import').then((m) => ({ Component: m.ImportPage })) },
              { path: '/users', lazy: () => import('./routes/users').then((m) => ({ Component: m.UsersPage })) },
              { path: '/audit', lazy: () => import('./routes/audit').then((m) => ({ Component: m.AuditPage })) },
              {
                path: '/webhooks',
                lazy: () => import('./routes/webhooks').then((m) => ({ Component: m.WebhooksPage })),
              },
              {
                path: '/privacy',
                lazy: () => import('./routes/privacy').then((m) => ({ Component: m.PrivacyPage })),
              },
              {
                path: '/api-help',
                lazy: () => import('./routes/api-help').then((m) => ({ Component: m.ApiHelpPage })),
              },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]

export const createAppRouter = () => createBrowserRouter(routes)
