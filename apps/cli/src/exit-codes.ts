/**
 * Exit codes a script can rely on. They never change meaning; new ones are only added.
 * 0 ok · 1 input rejected (nothing stored) · 2 usage · 3 file or folder cannot be read or written ·
 * 4 database unavailable or failed · 5 verification failed · 70 internal error · 78 bad configuration.
 */
export const exitCodes = {
  ok: 0,
  rejected: 1,
  usage: 2,
  io: 3,
  database: 4,
  verification: 5,
  internal: 70,
  config: 78,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A failure the CLI reports in one line and turns into its exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}
