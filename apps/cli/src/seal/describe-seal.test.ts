import { describe, expect, it } from 'vitest';
import { maskHolderId } from './describe-seal.js';

describe('maskHolderId', () => {
  it('keeps the first 3 and last 2 characters', () => {
    expect(maskHolderId('330102199003071230')).toBe('330*************30');
    expect(maskHolderId('91330100MA2H0ABC1X')).toBe('913*************1X');
    expect(maskHolderId('123456')).toBe('123*56');
  });

  it('stars an id too short to show any of it', () => {
    expect(maskHolderId('12345')).toBe('*****');
    expect(maskHolderId('')).toBe('');
  });
});
