import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { administeredDept, assertMayAdminister } from './assert-may-administer.js';
import type { Principal } from './principal.js';

const deptA = '11330100MB0000001X';
const deptB = '11330100MB0000002X';
const who = (roles: Principal['roles'], deptCode = deptA): Principal => ({
  kind: 'staff',
  id: 'p',
  deptCode,
  roles,
  name: '测试',
});
const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'NOT_A_DOMAIN_ERROR';
  }
};

describe('assertMayAdminister', () => {
  it('lets a platform_admin act anywhere and grant anything', () => {
    expect(
      code(() => assertMayAdminister(who(['platform_admin']), deptB, ['platform_admin'])),
    ).toBeUndefined();
  });
  it('keeps a dept_admin to its own department and below platform_admin', () => {
    expect(
      code(() => assertMayAdminister(who(['dept_admin']), deptA, ['clerk', 'dept_admin'])),
    ).toBeUndefined();
    expect(code(() => assertMayAdminister(who(['dept_admin']), deptB, ['clerk']))).toBe('FORBIDDEN');
    expect(code(() => assertMayAdminister(who(['dept_admin']), deptA, ['platform_admin']))).toBe('FORBIDDEN');
    // City-wide roles read across departments: a dept_admin can neither grant nor manage them.
    expect(code(() => assertMayAdminister(who(['dept_admin']), deptA, ['auditor']))).toBe('FORBIDDEN');
    expect(code(() => assertMayAdminister(who(['dept_admin']), deptA, ['supervisor']))).toBe('FORBIDDEN');
  });
  it('lets no system (API token) administer, whatever its roles', () => {
    expect(code(() => assertMayAdminister({ ...who(['platform_admin']), kind: 'system' }, deptA))).toBe(
      'FORBIDDEN',
    );
  });
  it('refuses everyone else', () => {
    for (const role of ['clerk', 'reviewer', 'supervisor', 'auditor'] as const)
      expect(code(() => assertMayAdminister(who([role]), deptA))).toBe('FORBIDDEN');
  });
  it('scopes listings', () => {
    expect(administeredDept(who(['platform_admin']), undefined)).toBeUndefined();
    expect(administeredDept(who(['platform_admin']), deptB)).toBe(deptB);
    expect(administeredDept(who(['dept_admin']), undefined)).toBe(deptA);
    expect(code(() => administeredDept(who(['dept_admin']), deptB))).toBe('FORBIDDEN');
  });
});
