import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { NotFound } from '@/components/ui/not-found';
import { RouteErrorBoundary } from '@/components/ui/error-view';
import { PageLoader } from '@/components/ui/page-loader';
import { paths } from '@/config/paths';

// Every page is its own chunk: the first load carries only the shell and the page asked for.
// Until that chunk is in, the router has nothing to render but the root's HydrateFallback (the loader);
// it must be here, not in a lazy module, since it shows while those load.
export const routes: RouteObject[] = [
  {
    HydrateFallback: PageLoader,
    children: [
      { path: paths.signIn.path, lazy: () => import('./routes/sign-in'), errorElement: <RouteErrorBoundary /> },
      {
        path: paths.home.path,
        lazy: () => import('./routes/app-root'),
        children: [
          { index: true, element: <Navigate to={paths.customers.getHref()} replace /> },
          { path: paths.customers.path, lazy: () => import('./routes/customers/customers-list') },
          { path: paths.newCustomer.path, lazy: () => import('./routes/customers/customer-new') },
          { path: paths.customer.path, lazy: () => import('./routes/customers/customer-page') },
          { path: paths.editCustomer.path, lazy: () => import('./routes/customers/customer-edit') },
          { path: paths.users.path, lazy: () => import('./routes/admin/users') },
          { path: paths.departments.path, lazy: () => import('./routes/admin/departments') },
          { path: paths.audit.path, lazy: () => import('./routes/admin/audit') },
          { path: paths.apiTokens.path, lazy: () => import('./routes/settings/api-tokens') },
          { path: paths.customFields.path, lazy: () => import('./routes/settings/custom-fields') },
          { path: paths.webhooks.path, lazy: () => import('./routes/settings/webhooks') },
          { path: paths.imports.path, lazy: () => import('./routes/imports') },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
