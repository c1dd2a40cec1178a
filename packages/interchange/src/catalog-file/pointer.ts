/** RFC 6901 JSON Pointers: the locations issues carry. */

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export const escapePointerSegment = (segment: string): string =>
  segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** Splits a pointer into its unescaped reference tokens (`''` is the whole document: no tokens). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Joins unescaped tokens into a pointer. */
export const joinPointer = (segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${escapePointerSegment(String(s))}`).join('');

/** The field at fault: the last token of the pointer that is not an array index. */
export function fieldOfPointer(pointer: string): string | undefined {
  const segments = parsePointer(pointer);
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i]!;
    if (!/^(0|[1-9][0-9]*)$/.test(s)) return s;
  }
  return undefined;
}
