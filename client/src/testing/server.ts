import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { adminMe } from './data';

export const API = 'http://localhost:3000/api/v1';

// Defaults every test can rely on; tests add their own with server.use().
export const defaultHandlers = [
  http.get(`${API}/me`, () => HttpResponse.json(adminMe)),
  http.get(`${API}/users`, () =>
    HttpResponse.json({ items: [{ ...adminMe, active: true, createdAt: '2026-01-01T00:00:00Z' }], nextCursor: null }),
  ),
  // The user directory names owners for every role; the signed-in Admin is its only user unless a test says otherwise.
  http.get(`${API}/users/directory`, () =>
    HttpResponse.json({ items: [{ id: adminMe.id, name: adminMe.name, active: true }], nextCursor: null }),
  ),
  // No recorded changes unless a test serves some.
  http.get(`${API}/audit`, () => HttpResponse.json({ items: [], nextCursor: null })),
  // No custom fields unless a test defines some.
  http.get(`${API}/custom-fields`, () => HttpResponse.json({ items: [], nextCursor: null })),
  http.post(`${API}/auth/refresh`, () =>
    HttpResponse.json(
      { type: 'about:blank', title: 'Unauthorized', status: 401 },
      { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
    ),
  ),
];

export const server = setupServer(...defaultHandlers);
