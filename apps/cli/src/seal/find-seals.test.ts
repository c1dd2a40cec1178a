import { describe, expect, it } from 'vitest';
import { findSeals } from './find-seals.js';

describe('findSeals', () => {
  it('takes non-JSON text, trimmed, as one compact JWS', () => {
    expect(findSeals('\n  a.b.c \n')).toEqual({ ok: true, seals: [{ path: '', jws: 'a.b.c' }] });
  });

  it('finds every seal and peerSeal string of a consult answer, by path', () => {
    const answer = {
      seal: 'top',
      materials: [
        { seal: 'm0' },
        { status: 'not_found' },
        { seal: 'm2', peerSeal: 'p2', other: { seal: 1 } },
      ],
    };
    expect(findSeals(JSON.stringify(answer))).toEqual({
      ok: true,
      seals: [
        { path: 'seal', jws: 'top' },
        { path: 'materials[0].seal', jws: 'm0' },
        { path: 'materials[2].seal', jws: 'm2' },
        { path: 'materials[2].peerSeal', jws: 'p2' },
      ],
    });
  });

  it('says why a file holds no seal', () => {
    expect(findSeals(' \n')).toMatchObject({ ok: false, problem: expect.stringContaining('empty') });
    expect(findSeals('{"seal":')).toMatchObject({ ok: false, problem: expect.stringContaining('JSON') });
    expect(findSeals('{"materials":[]}')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('no seal'),
    });
  });

  it('stops at a depth no consult answer has', () => {
    const deep = `${'['.repeat(5000)}{"seal":"x"}${']'.repeat(5000)}`;
    expect(findSeals(deep)).toMatchObject({ ok: false });
  });
});
