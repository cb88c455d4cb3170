import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePhoneFormat } from './phone';

describe('usePhoneFormat', () => {
  it('groups a stored number as its country writes it, and leaves one it does not know as stored', async () => {
    const { result } = renderHook(() => usePhoneFormat());
    await waitFor(() => expect(result.current('+48123456789')).toBe('+48 12 345 67 89'));
    expect(result.current('+302101234567')).toBe('+30 21 0123 4567');
    expect(result.current('+351912345678')).toBe('+351 912 345 678');
    expect(result.current('+34935551234')).toBe('+34 935 55 12 34');
    expect(result.current('+123')).toBe('+123');
    expect(result.current('ext. 12')).toBe('ext. 12');
  });
});
