import { parseDictionary, type Dictionary, type Parameters } from 'structured-headers';
import { headerValue, type HeaderSource } from './http-headers.js';

/**
 * Parsing of the `Signature-Input` and `Signature` fields (RFC 9421 §4), defensively: these come
 * from whoever sent the message. Every problem becomes a code; nothing throws.
 */

/** One signature as found in a message, before any key or time is looked at. */
export interface ParsedSignature {
  readonly label: string;
  /** Covered component names in the order signed. */
  readonly components: readonly string[];
  /** All signature parameters, in the order sent (they are re-serialised for the base). */
  readonly params: Parameters;
  readonly signature: Uint8Array;
  readonly created: number;
  readonly expires?: number;
  readonly nonce?: string;
  readonly keyid: string;
  readonly alg: string;
}

/** Why the fields could not be read. */
export type SignatureFieldsFailure = { code: 'SIGNATURE_MISSING' | 'MALFORMED_SIGNATURE'; detail: string };

// Far above anything we send (about 250 bytes); bounds the parser's work on hostile input.
export const MAX_SIGNATURE_FIELD_LENGTH = 4096;
const MAX_MEMBERS = 8;
const MAX_COMPONENTS = 16;
const MAX_PARAM_STRING = 256;
const COMPONENT_NAME = /^(@[a-z-]+|[a-z0-9!#$%&'*+.^_`|~-]+)$/;

const malformed = (detail: string): SignatureFieldsFailure => ({ code: 'MALFORMED_SIGNATURE', detail });

function parseField(raw: string, name: string): Dictionary | SignatureFieldsFailure {
  if (raw.length > MAX_SIGNATURE_FIELD_LENGTH) return malformed(`${name} too long`);
  let dict: Dictionary;
  try {
    dict = parseDictionary(raw);
  } catch {
    return malformed(`${name} is not a structured dictionary`);
  }
  if (dict.size > MAX_MEMBERS) return malformed(`${name} has too many members`);
  return dict;
}

function stringParam(params: Parameters, name: string, required: boolean): string | undefined | false {
  const value: unknown = params.get(name);
  if (value === undefined) return required ? false : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PARAM_STRING) return false;
  return value;
}

function integerParam(params: Parameters, name: string, required: boolean): number | undefined | false {
  const value: unknown = params.get(name);
  if (value === undefined) return required ? false : undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return false;
  return value;
}

/** Reads the signature with `label` from a message's header fields. */
export function parseSignatureFields(
  headers: HeaderSource,
  label: string,
): ParsedSignature | SignatureFieldsFailure {
  const inputRaw = headerValue(headers, 'signature-input');
  const signatureRaw = headerValue(headers, 'signature');
  if (!inputRaw || !signatureRaw)
    return { code: 'SIGNATURE_MISSING', detail: 'Signature-Input or Signature absent' };
  const inputs = parseField(inputRaw, 'Signature-Input');
  if ('code' in inputs) return inputs;
  const signatures = parseField(signatureRaw, 'Signature');
  if ('code' in signatures) return signatures;

  const input = inputs.get(label);
  const sig = signatures.get(label);
  if (input === undefined || sig === undefined)
    return { code: 'SIGNATURE_MISSING', detail: `no signature labelled ${label}` };
  const [items, params] = input;
  if (!Array.isArray(items)) return malformed('Signature-Input member is not an inner list');
  if (!(sig[0] instanceof ArrayBuffer)) return malformed('Signature member is not a byte sequence');

  if (items.length === 0 || items.length > MAX_COMPONENTS)
    return malformed('bad number of covered components');
  const components: string[] = [];
  for (const [name, componentParams] of items as [unknown, Parameters][]) {
    // Component parameters (sf, key, bs, req, tr) are not part of our profile.
    if (typeof name !== 'string' || !COMPONENT_NAME.test(name) || componentParams.size > 0)
      return malformed('unsupported component identifier');
    if (components.includes(name)) return malformed('component covered twice');
    components.push(name);
  }

  const created = integerParam(params, 'created', true);
  const expires = integerParam(params, 'expires', false);
  const nonce = stringParam(params, 'nonce', false);
  const keyid = stringParam(params, 'keyid', true);
  const alg = stringParam(params, 'alg', true);
  if (created === false || created === undefined) return malformed('created missing or not an integer');
  if (expires === false) return malformed('expires not an integer');
  if (nonce === false) return malformed('nonce not a string');
  if (keyid === false || keyid === undefined) return malformed('keyid missing');
  if (alg === false || alg === undefined) return malformed('alg missing');
  if (expires !== undefined && expires < created) return malformed('expires before created');

  return {
    label,
    components,
    params,
    signature: new Uint8Array(sig[0]),
    created,
    keyid,
    alg,
    ...(expires !== undefined ? { expires } : {}),
    ...(nonce !== undefined ? { nonce } : {}),
  };
}
