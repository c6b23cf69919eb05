/** @module A broker failure, classified once at the adapter so the engine can choose a policy. */

export type BrokerErrorKind =
  'transient' | 'rate-limited' | 'rejected' | 'not-found' | 'auth' | 'ambiguous' | 'bug';

export class BrokerError extends Error {
  override readonly name = 'BrokerError';
  constructor(
    readonly kind: BrokerErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const isBrokerError = (e: unknown): e is BrokerError => e instanceof BrokerError;

/** The broker refused the credentials: terminal, since retrying cannot fix a wrong or revoked key. */
export const isCredentialsRefused = (e: unknown): e is BrokerError =>
  isBrokerError(e) && e.kind === 'auth';
