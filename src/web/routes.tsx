import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { RequireAuth } from './modules/auth/components/RequireAuth';
import { homePathOf } from './modules/auth/home';
import { LoginPage } from './modules/auth/pages/LoginPage';
import { PasswordPage } from './modules/auth/pages/PasswordPage';
import { UsersPage } from './modules/auth/pages/UsersPage';
import { useCurrentUser } from './modules/auth/session';
import { ComingSoonPage } from './modules/coming/pages/ComingSoonPage';
import { webModules } from './module-list';
import { ProductsPage } from './modules/products/pages/ProductsPage';
import { MyShopPage } from './modules/retail/pages/MyShopPage';
import { RetailerDetailPage } from './modules/retail/pages/RetailerDetailPage';
import { RetailerListPage } from './modules/retail/pages/RetailerListPage';
import { Guard } from './shell/Guard';
import { MainLayout } from './shell/MainLayout';
import { NotFoundPage } from './ui/NotFoundPage';
import { LoadingBlock } from './ui/QueryState';

// The overview carries ECharts and the map: loaded on first visit, not with the log-in page.
const OverviewPage = lazy(() =>
  import('./modules/overview/pages/OverviewPage').then((module) => ({
    default: module.OverviewPage,
  })),
);

function Home() {
  return <Navigate to={homePathOf(useCurrentUser())} replace />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <MainLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      {
        element: (
          <Guard>
            <Suspense fallback={<LoadingBlock minHeight={400} />}>
              <Outlet />
            </Suspense>
          </Guard>
        ),
        children: [
          { path: 'overview', element: <OverviewPage /> },
          { path: 'retailers', element: <RetailerListPage /> },
          { path: 'retailers/:id', element: <RetailerDetailPage /> },
          { path: 'my-shop', element: <MyShopPage /> },
          { path: 'products', element: <ProductsPage /> },
          ...webModules.flatMap((module) => module.routes),
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'account/password', element: <PasswordPage /> },
          { path: 'coming/:module', element: <ComingSoonPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
