export const paths = {
  signIn: {
    path: '/sign-in',
    getHref: (redirectTo?: string | null) =>
      `/sign-in${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`,
  },
  home: { path: '/', getHref: () => '/' },
  customers: {
    path: '/customers',
    getHref: () => '/customers',
  },
  newCustomer: { path: '/customers/new', getHref: () => '/customers/new' },
  customer: { path: '/customers/:id', getHref: (id: string) => `/customers/${id}` },
  editCustomer: { path: '/customers/:id/edit', getHref: (id: string) => `/customers/${id}/edit` },
  users: { path: '/admin/users', getHref: () => '/admin/users' },
  departments: { path: '/admin/departments', getHref: () => '/admin/departments' },
  audit: { path: '/admin/audit', getHref: () => '/admin/audit' },
  apiTokens: { path: '/settings/api-tokens', getHref: () => '/settings/api-tokens' },
  customFields: { path: '/settings/custom-fields', getHref: () => '/settings/custom-fields' },
  webhooks: { path: '/settings/webhooks', getHref: () => '/settings/webhooks' },
  imports: { path: '/imports', getHref: () => '/imports' },
} as const;

/** Maps an API resource URL such as "/api/v1/customers/<id>" onto the SPA page that shows it. */
export function pageForApiUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const match = /\/api\/v1\/customers\/([^/?#]+)/.exec(url);
  return match ? paths.customer.getHref(match[1]) : null;
}
