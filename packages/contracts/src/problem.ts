import { DomainError, type ErrorCode } from '@tongban/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The one table from stable error codes to HTTP, shared by the platform and the node. Every error
 * leaves a server as RFC 9457
 * problem+json with `code`; unknown failures become INTERNAL with no detail (the log has it).
 */
export const problemTable = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_INPUT: { status: 400, title: 'The request body cannot be parsed' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'Not allowed for this identity' },
  AUDIT_ENTRY_NOT_FOUND: { status: 404, title: 'No such audit log entry' },
  TREE_HEAD_NOT_FOUND: { status: 404, title: 'No signed tree head of that size' },
  AUDIT_UNAVAILABLE: { status: 503, title: 'The audit log cannot record right now; nothing was released' },
  CATALOG_VERSION_NOT_FOUND: { status: 404, title: 'No such catalog version' },
  ITEM_NOT_FOUND: { status: 404, title: 'No such service item' },
  DEPARTMENT_NOT_FOUND: { status: 404, title: 'No such department' },
  CERTIFICATE_TYPE_NOT_FOUND: { status: 404, title: 'No such certificate type' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  URI_TOO_LONG: { status: 414, title: 'The request URI or one of its parts is too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The content type is not supported' },
  IMPORT_REJECTED: { status: 422, title: 'The import was rejected; nothing was stored' },
  NOT_READY: { status: 503, title: 'The service is not ready' },
  CERTIFICATE_NOT_FOUND: { status: 404, title: 'No such certificate' },
  STATUS_TRANSITION_NOT_ALLOWED: { status: 409, title: 'The certificate cannot move to that status' },
  LOOKUP_DENIED: { status: 403, title: 'The lookup is refused by the sharing rules' },
  SIGNATURE_MISSING: { status: 401, title: 'The request carries no message signature' },
  SIGNATURE_INVALID: { status: 401, title: 'The message signature does not verify' },
  UNKNOWN_KEY: { status: 401, title: 'The signing key is not registered here' },
  DIGEST_MISMATCH: { status: 401, title: 'The body does not match its Content-Digest' },
  SIGNATURE_EXPIRED: { status: 401, title: 'The message signature is too old' },
  SIGNATURE_NOT_YET_VALID: { status: 401, title: 'The message signature is dated in the future' },
  REPLAYED: { status: 401, title: 'The request was seen before (nonce reused)' },
  MALFORMED_SIGNATURE: { status: 401, title: 'The signature fields cannot be parsed' },
  CASE_NOT_FOUND: { status: 404, title: 'No such case' },
  CASE_STATUS_CONFLICT: { status: 409, title: 'The case is not in a status that allows this' },
  AGREEMENT_NOT_FOUND: { status: 404, title: 'No such sharing agreement' },
  NODE_NOT_FOUND: { status: 404, title: 'No such node or peer platform in the directory' },
  STAFF_NOT_FOUND: { status: 404, title: 'No such staff account' },
  ACCOUNT_LOCKED: { status: 423, title: 'The account is locked after repeated failed sign-ins' },
  SEAL_MALFORMED: { status: 400, title: 'The text is not a seal (compact JWS) this platform can read' },
  UPSTREAM_UNAVAILABLE: { status: 503, title: 'A source node or peer platform did not answer in time' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<ErrorCode, { status: number; title: string }>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  field?: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export function problemOf(code: ErrorCode, detail?: string, extra: Partial<Problem> = {}): Problem {
  const { status, title } = problemTable[code];
  return {
    type: `urn:tongban:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: request.url, requestId: String(request.id) });
}

/** Fastify's own error codes that are the client's fault, mapped onto ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_INPUT',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_INPUT',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_INPUT',
  FST_ERR_BAD_URL: 'MALFORMED_INPUT',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

/** For Fastify's `frameworkErrors` option: router-level failures (bad URL, over-long parameter). */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendProblem(
    reply,
    request,
    problemOf((error.code && fastifyCodes[error.code]) || 'MALFORMED_INPUT', error.message),
  );
}

/**
 * The stable code an error leaves as: a DomainError's own, VALIDATION_FAILED for a schema refusal,
 * ours for Fastify's client errors, MALFORMED_INPUT for other 4xx, INTERNAL otherwise. The error
 * handler and anything that records refusals (a node's audit log) use the same answer.
 */
export function problemCodeOf(error: FastifyError | DomainError | Error): ErrorCode {
  if (error instanceof DomainError) return error.code;
  const e = error as Partial<FastifyError>;
  if (e.validation) return 'VALIDATION_FAILED';
  const mapped = e.code ? fastifyCodes[e.code] : undefined;
  if (mapped) return mapped;
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return 'MALFORMED_INPUT';
  return 'INTERNAL';
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      problemOf('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      const field = typeof error.details['field'] === 'string' ? error.details['field'] : undefined;
      const errors = problemErrors(error.details['errors']);
      return sendProblem(
        reply,
        request,
        problemOf(error.code, error.message, { ...(field ? { field } : {}), ...(errors ? { errors } : {}) }),
      );
    }
    if (error.validation) {
      const errors = error.validation.map((v) => ({
        field: fieldOf(v.instancePath, v.params, error.validationContext),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(
        reply,
        request,
        problemOf('VALIDATION_FAILED', error.message, {
          errors,
          ...(errors[0] ? { field: errors[0].field } : {}),
        }),
      );
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) return sendProblem(reply, request, problemOf(mapped, error.message));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return sendProblem(reply, request, problemOf('MALFORMED_INPUT', error.message));
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, problemOf('INTERNAL'));
  });
}

function fieldOf(instancePath: string, params: Record<string, unknown>, context: string | undefined): string {
  const missing = typeof params['missingProperty'] === 'string' ? `/${params['missingProperty']}` : '';
  const path = `${instancePath}${missing}`.replace(/^\//, '').replaceAll('/', '.');
  return [context, path].filter(Boolean).join('.');
}

/** A DomainError's `errors` detail, when it is a list of {field, message} (every problem, not just the first). */
function problemErrors(value: unknown): { field: string; message: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const errors = value.filter(
    (e): e is { field: string; message: string } =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as { field?: unknown }).field === 'string' &&
      typeof (e as { message?: unknown }).message === 'string',
  );
  return errors.map((e) => ({ field: e.field, message: e.message }));
}
