import { unavailable } from './upstream-error.js';

/**
 * Runs `work` within `timeoutMs` and the caller's `signal`, whichever ends first; then rejects with
 * SourceUnavailableError at once, without waiting for the work to notice. The work gets a signal
 * that fires at the same moment (fetch stops on it); work that cannot be cancelled (a query in a
 * driver) finishes or fails later on its own, unobserved: the driver's own timeouts bound it.
 */
export async function withDeadline<T>(
  source: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw unavailable(source, 'the lookup was aborted before it started');
  const controller = new AbortController();
  let onAbort: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const stop = (what: string) => {
      reject(unavailable(source, what));
      controller.abort();
    };
    timer = setTimeout(() => stop(`no answer within ${timeoutMs} ms`), timeoutMs);
    onAbort = () => stop('the lookup was aborted (the node gave up waiting)');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    // The race subscribes to both promises, so a late failure of `work` is not an unhandled rejection.
    return await Promise.race([work(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
