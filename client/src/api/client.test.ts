import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, server } from '@/testing/server';
import { adminMe } from '@/testing/data';
import { api, refreshAccessToken, tokenStore } from './client';

const token = (accessToken: string) => ({ accessToken, refreshToken: null, expiresIn: 900, tokenType: 'Bearer' });

describe('api client', () => {
  it('sends the access token as a bearer token, and the chosen language', async () => {
    let seen: (string | null)[] = [];
    server.use(
      http.get(`${API}/me`, ({ request }) => {
        seen = [request.headers.get('Authorization'), request.headers.get('Accept-Language')];
        return HttpResponse.json(adminMe);
      }),
    );
    tokenStore.set(token('abc'));
    await api.GET('/api/v1/me');
    expect(seen).toEqual(['Bearer abc', 'en']);
  });

  it('refreshes once on 401 and retries the request with the new token', async () => {
    const seen: (string | null)[] = [];
    let refreshes = 0;
    server.use(
      http.get(`${API}/me`, ({ request }) => {
        const auth = request.headers.get('Authorization');
        seen.push(auth);
        return auth === 'Bearer fresh' ? HttpResponse.json(adminMe) : new HttpResponse(null, { status: 401 });
      }),
      http.post(`${API}/auth/refresh`, async ({ request }) => {
        refreshes += 1;
        expect(await request.json()).toEqual({});
        return HttpResponse.json(token('fresh'));
      }),
    );
    tokenStore.set(token('stale'));
    const { data, response } = await api.GET('/api/v1/me');
    expect(response.status).toBe(200);
    expect(data?.email).toBe(adminMe.email);
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(refreshes).toBe(1);
    expect(tokenStore.get()).toBe('fresh');
  });

  it('gives up and forgets the token when the refresh cookie is gone', async () => {
    server.use(http.get(`${API}/me`, () => new HttpResponse(null, { status: 401 })));
    tokenStore.set(token('stale'));
    const { response } = await api.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(tokenStore.get()).toBeNull();
  });

  it('asks again once when the refresh is refused for a while, instead of signing out', async () => {
    let refreshes = 0;
    server.use(
      http.post(`${API}/auth/refresh`, () => {
        refreshes += 1;
        return refreshes === 1
          ? HttpResponse.json({ title: 'Too many requests.', status: 429 }, { status: 429, headers: { 'Retry-After': '1' } })
          : HttpResponse.json(token('after-wait'));
      }),
    );
    expect(await refreshAccessToken()).toBe('after-wait');
    expect(refreshes).toBe(2);
    expect(tokenStore.get()).toBe('after-wait');
  });

  it('shares one refresh between concurrent callers and never stores tokens in localStorage', async () => {
    let refreshes = 0;
    server.use(
      http.post(`${API}/auth/refresh`, () => {
        refreshes += 1;
        return HttpResponse.json(token('shared'));
      }),
    );
    const [a, b] = await Promise.all([refreshAccessToken(), refreshAccessToken()]);
    expect([a, b]).toEqual(['shared', 'shared']);
    expect(refreshes).toBe(1);
    expect(JSON.stringify({ ...localStorage })).not.toContain('shared');
  });
});
