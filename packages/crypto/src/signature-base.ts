import { serializeInnerList, type BareItem, type InnerList, type Parameters } from 'structured-headers';
import { headerValue, type HeaderSource } from './http-headers.js';

/**
 * The parts of an HTTP message that RFC 9421 signature components are drawn from. A request has
 * a method and an absolute URL; a response has a status.
 */
export interface SignableMessage {
  readonly method?: string;
  /** The absolute target URI, such as `https://node.example/api/v1/lookup?x=1`. */
  readonly url?: string;
  readonly status?: number;
  readonly headers: HeaderSource;
}

/** The derived components (RFC 9421 §2.2) we can compute. */
export const derivedComponents = [
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@path',
  '@query',
  '@status',
];

function parseUrl(url: string | undefined): URL | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The value of one covered component, or undefined when the message does not have it (which
 * fails the signature, RFC 9421 §2.5). Field names are lower case; derived components start
 * with `@`.
 */
export function componentValue(message: SignableMessage, name: string): string | undefined {
  let value: string | undefined;
  if (name.startsWith('@')) {
    const url = parseUrl(message.url);
    switch (name) {
      case '@method':
        // fetch upper-cases the standard methods on the wire; compare in that form.
        value = message.method?.toUpperCase();
        break;
      case '@target-uri':
        // Without user info or fragment, which are not part of the target URI (RFC 9110 §7.1).
        if (url) value = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
        break;
      case '@authority':
        value = url?.host; // lower-cased, default port dropped, as §2.2.3 wants
        break;
      case '@scheme':
        value = url?.protocol.slice(0, -1);
        break;
      case '@path':
        value = url ? url.pathname || '/' : undefined;
        break;
      case '@query':
        value = url ? url.search || '?' : undefined; // §2.2.7: an absent query is "?"
        break;
      case '@status':
        if (message.status !== undefined && Number.isInteger(message.status)) value = String(message.status);
        break;
      default:
        value = undefined;
    }
  } else {
    value = headerValue(message.headers, name);
  }
  // A line break would let a value forge further lines of the signature base.
  if (value === undefined || /[\r\n]/.test(value)) return undefined;
  return value;
}

/** The `@signature-params` value: the covered components and parameters as an RFC 8941 inner list. */
export function signatureParamsValue(components: readonly string[], params: Parameters): string {
  const inner: InnerList = [components.map((c) => [c, new Map<string, BareItem>()]), params];
  return serializeInnerList(inner);
}

/**
 * The signature base (RFC 9421 §2.5): one line per covered component, then the
 * `@signature-params` line; no trailing newline. Undefined when a component is missing.
 */
export function signatureBase(
  message: SignableMessage,
  components: readonly string[],
  params: Parameters,
): string | undefined {
  const lines: string[] = [];
  for (const name of components) {
    const value = componentValue(message, name);
    if (value === undefined) return undefined;
    lines.push(`"${name}": ${value}`);
  }
  lines.push(`"@signature-params": ${signatureParamsValue(components, params)}`);
  return lines.join('\n');
}
