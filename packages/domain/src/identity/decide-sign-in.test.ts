import { describe, expect, it } from 'vitest';
import { decideSignIn } from './decide-sign-in.js';
import type { StaffAccount } from './staff-account.js';

const now = new Date('2025-03-01T09:00:00+08:00');
const account: StaffAccount = {
  id: 's1',
  username: 'wang.fang',
  name: '王芳',
  deptCode: '11330100MB0000001X',
  roles: ['clerk'],
  passwordHash: '$scrypt$ln=15,r=8,p=1$x$y',
  failedAttempts: 0,
  disabled: false,
  createdAt: now,
  createdBy: 'system',
};

describe('decideSignIn', () => {
  it('grants the right password on an open account', () => {
    expect(decideSignIn(account, true, now)).toEqual({ kind: 'granted' });
  });
  it('answers every refusal alike, counting only a wrong password', () => {
    expect(decideSignIn(undefined, false, now)).toEqual({ kind: 'rejected', reason: 'unknown_user' });
    expect(decideSignIn({ ...account, disabled: true }, true, now)).toEqual({
      kind: 'rejected',
      reason: 'disabled',
    });
    expect(decideSignIn({ ...account, passwordHash: undefined }, false, now)).toEqual({
      kind: 'rejected',
      reason: 'no_password',
    });
    expect(decideSignIn(account, false, now)).toEqual({ kind: 'rejected', reason: 'wrong_password' });
  });
  it('refuses a locked account even with the right password, until the lock runs out', () => {
    const until = new Date(now.getTime() + 60_000);
    expect(decideSignIn({ ...account, lockedUntil: until }, true, now)).toEqual({ kind: 'locked', until });
    expect(decideSignIn({ ...account, lockedUntil: now }, true, now)).toEqual({ kind: 'granted' });
  });
});
