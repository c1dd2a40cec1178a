import { isDomainError, type AuditEntryInput } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { validateAuditEntry } from './validate-audit-entry.js';

const good: AuditEntryInput = {
  operation: 'consult.granted',
  actor: 'clerk:scjg-0007',
  subject: 'holder:demo-0042',
  purpose: { itemCode: 'X1', caseNo: 'C-1', deptCode: 'D-1' },
  outcome: 'granted',
  requestId: 'req-1',
  details: { typeCode: 'YYZZ', fields: 3, explicit: true },
};

const fieldOf = (entry: unknown): string | undefined => {
  try {
    validateAuditEntry(entry as AuditEntryInput);
    return undefined;
  } catch (e) {
    if (isDomainError(e) && e.code === 'VALIDATION_FAILED') return e.details['field'] as string;
    throw e;
  }
};

describe('validateAuditEntry', () => {
  it('keeps exactly the fields of an entry', () => {
    expect(validateAuditEntry(good)).toEqual(good);
    expect(
      validateAuditEntry({
        operation: 'catalog.version.published',
        actor: 'system',
        outcome: 'ok',
        requestId: 'r',
      }),
    ).toEqual({
      operation: 'catalog.version.published',
      actor: 'system',
      outcome: 'ok',
      requestId: 'r',
    });
    expect(validateAuditEntry({ ...good, operation: 'node.lookup_failed.retry' }).operation).toBe(
      'node.lookup_failed.retry',
    );
    expect(validateAuditEntry({ ...good, operation: 'api_token.created' }).operation).toBe(
      'api_token.created',
    );
  });

  it.each([
    ['consult', 'operation'],
    ['Consult.granted', 'operation'],
    ['consult.', 'operation'],
    ['.granted', 'operation'],
    ['_token.created', 'operation'],
    ['consult.grant-ed', 'operation'],
    ['consult granted', 'operation'],
    ['a.' + 'b'.repeat(70), 'operation'],
  ])('refuses the operation %j', (operation, field) => {
    expect(fieldOf({ ...good, operation })).toBe(field);
  });

  it('names the field at fault', () => {
    expect(fieldOf({ ...good, actor: '' })).toBe('actor');
    expect(fieldOf({ ...good, actor: 'x'.repeat(129) })).toBe('actor');
    expect(fieldOf({ ...good, subject: 42 })).toBe('subject');
    expect(fieldOf({ ...good, outcome: undefined })).toBe('outcome');
    expect(fieldOf({ ...good, requestId: 'r'.repeat(129) })).toBe('requestId');
    expect(fieldOf({ ...good, purpose: 'x' })).toBe('purpose');
    expect(fieldOf({ ...good, purpose: { itemCode: 'X', holderName: '张三' } })).toBe('purpose.holderName');
    expect(fieldOf({ ...good, fields: { name: '张三' } })).toBe('fields');
    expect(fieldOf({ ...good, details: { nested: { a: 1 } } })).toBe('details.nested');
    expect(fieldOf({ ...good, details: { list: ['a'] } })).toBe('details.list');
    expect(fieldOf({ ...good, details: { missing: null } })).toBe('details.missing');
    expect(fieldOf({ ...good, details: { n: Number.NaN } })).toBe('details.n');
    expect(fieldOf({ ...good, details: { s: 'x'.repeat(257) } })).toBe('details.s');
    expect(
      fieldOf({ ...good, details: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])) }),
    ).toBe('details');
    expect(fieldOf({ ...good, details: [1] })).toBe('details');
    expect(fieldOf(null)).toBe('entry');
  });
});
