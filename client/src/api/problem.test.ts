import { describe, expect, it } from 'vitest';
import { ApiError, toCamelPath } from './problem';

describe('problem details', () => {
  it.each([
    ['Name', 'name'],
    ['address.city', 'address.city'],
    ['Address.PostalCode', 'address.postalCode'],
    ['Tags[1]', 'tags.1'],
  ])('maps %s to the form path %s', (key, path) => {
    expect(toCamelPath(key)).toBe(path);
  });

  it('exposes the field errors and uses the title as message', () => {
    const error = new ApiError(400, { title: 'Validation failed', status: 400, errors: { 'Address.City': ['Too long'] } });
    expect(error.message).toBe('Validation failed');
    expect(error.fieldErrors).toEqual({ 'address.city': ['Too long'] });
  });
});
