import { certificateProblemCodes } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { importProblemCodes, transformProblemCodes } from './import-problem.js';

describe('importProblemCodes', () => {
  it('extends the domain certificate problem codes, once each', () => {
    expect(importProblemCodes.slice(0, certificateProblemCodes.length)).toEqual([...certificateProblemCodes]);
    expect(new Set(importProblemCodes).size).toBe(importProblemCodes.length);
    for (const code of transformProblemCodes) expect(importProblemCodes).toContain(code);
    expect(importProblemCodes).toEqual(
      expect.arrayContaining(['ROW_MALFORMED', 'COLUMN_MISSING', 'COLUMN_AMBIGUOUS', 'AMOUNT_INVALID']),
    );
  });
});
