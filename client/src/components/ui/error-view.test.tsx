import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/problem';
import { renderWithProviders } from '@/testing/render';
import { NotFound } from './not-found';
import { RouteErrorBoundary } from './error-view';

function Boom({ error }: { error: unknown }): never {
  throw error;
}

describe('error pages', () => {
  // React and the router report caught render errors on the console; that is expected here.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the problem title when a page fails with an API error', async () => {
    const error = new ApiError(403, { title: 'Forbidden for your role', status: 403, detail: 'Only Admins may do this.' });
    renderWithProviders(<Boom error={error} />, { errorElement: <RouteErrorBoundary /> });
    expect(await screen.findByRole('heading', { name: 'Forbidden for your role' })).toBeInTheDocument();
    expect(screen.getByText('Only Admins may do this.')).toBeInTheDocument();
  });

  it('never shows a blank page for other errors', async () => {
    renderWithProviders(<Boom error={new TypeError('x is undefined')} />, { errorElement: <RouteErrorBoundary /> });
    expect(await screen.findByRole('heading', { name: 'Unexpected error' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
  });

  it('has a not-found page that leads back', async () => {
    renderWithProviders(<NotFound />);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });
});
