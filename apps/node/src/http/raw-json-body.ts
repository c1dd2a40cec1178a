import { DomainError } from '@tongban/domain';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact body bytes as received: what Content-Digest and the signature cover. */
    rawBody?: Buffer;
  }
}

/**
 * Parses JSON bodies while keeping their exact bytes: the signature is checked over the bytes on
 * the wire, never over a re-serialisation.
 */
export function keepRawJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const raw = body as Buffer;
    req.rawBody = raw;
    try {
      done(null, raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as unknown));
    } catch {
      done(new DomainError('MALFORMED_INPUT', 'the body is not valid JSON'), undefined);
    }
  });
}
