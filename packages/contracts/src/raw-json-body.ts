import { DomainError } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact body bytes as received: what Content-Digest and the signature cover. */
    rawBody?: Buffer;
  }
}

/**
 * Parses JSON bodies while keeping their exact bytes: the signature is checked over the bytes on
 * the wire, never over a re-serialisation. Prototype-poisoning keys are refused (MALFORMED_INPUT).
 */
export function keepRawJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const raw = body as Buffer;
    req.rawBody = raw;
    try {
      // secure-json-parse refuses __proto__ and constructor.prototype keys, as Fastify's own parser does.
      done(
        null,
        raw.length === 0
          ? undefined
          : (secureJson.parse(raw.toString('utf8'), undefined, {
              protoAction: 'error',
              constructorAction: 'error',
            }) as unknown),
      );
    } catch {
      done(new DomainError('MALFORMED_INPUT', 'the body is not valid JSON'), undefined);
    }
  });
}
