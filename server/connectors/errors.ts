/**
 * Whose move it is when a source fails: the user's (credentials, policy, layout, a bad file) or nobody's yet
 * (a network blip or a 5xx: retry). `auth` failures make a connection INACTIVE and are never retried.
 */
export type SourceErrorKind = 'auth' | 'not-found' | 'user' | 'transient' | 'internal';

/** An error from a source, with a message a person can act on. Never carries a credential value. */
export class SourceError extends Error {
  constructor(
    public readonly kind: SourceErrorKind,
    message: string,
    public readonly detail?: { file?: string; row?: number },
  ) {
    super(message);
    this.name = 'SourceError';
  }
}
