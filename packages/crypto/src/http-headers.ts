/**
 * Header fields as the different HTTP stacks hand them over: a WHATWG `Headers` (fetch,
 * undici), or a plain record such as Node's `IncomingHttpHeaders` and Fastify's `request.headers`
 * (names in any case, repeated fields as arrays).
 */
export type HeaderSource =
  Headers | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/**
 * The value of a header field, or undefined when absent. Repeated fields are combined as RFC 9110
 * §5.3 and RFC 9421 §2.1 say: each value trimmed, joined with ", ".
 */
export function headerValue(headers: HeaderSource, name: string): string | undefined {
  const wanted = name.toLowerCase();
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    const value = headers.get(wanted);
    return value === null ? undefined : value.trim();
  }
  const values: string[] = [];
  const record = headers as Readonly<Record<string, string | readonly string[] | number | undefined>>;
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') values.push(String(value).trim());
    else values.push(...value.map((v) => v.trim()));
  }
  return values.length === 0 ? undefined : values.join(', ');
}
