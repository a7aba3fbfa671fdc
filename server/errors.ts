/**
 * Domain errors: what services and connectors throw when a request cannot be served as asked. They know nothing
 * of GraphQL; `server/graphql/errors.ts` maps each class to the contract's `extensions.code` (and
 * `extensions.field`) in one place, for HTTP and graphql-ws alike.
 */

/** The contract's error codes. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL_SERVER_ERROR';

/** Every kind of domain error; the edge maps each to a code, and a new one does not compile until it is mapped. */
export type DomainErrorKind = 'input' | 'not-found' | 'conflict' | 'forbidden' | 'unauthenticated';

/** The base of every error whose message is written for the caller (and so may be shown as is). */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** Extra facts for the caller (e.g. the id of the run already queued); never a secret. */
  readonly extra: Record<string, unknown>;
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extra = extra;
  }
}

/** One field's mistake: its input path and what to change. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The caller's input is wrong; `field` is its path inside the operation's input (e.g. `s3.bucketName`). `errors`
 * lists every field found wrong (the first is `field` and the message), so a form can show them all at once.
 */
export class InputError extends DomainError {
  readonly kind = 'input' as const;
  readonly errors: FieldError[];
  constructor(
    readonly field: string,
    message: string,
    errors?: FieldError[],
  ) {
    super(message);
    this.errors = errors ?? [{ field, message }];
  }
}

/**
 * Checks a form field by field and reports every mistake at once: each `check` runs one field's validation and keeps
 * its InputError instead of throwing it; `done` throws one InputError listing them all.
 */
export class FieldChecks {
  private readonly found: FieldError[] = [];

  /** Runs one check; on an InputError, records it and answers undefined. Any other error is thrown. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      this.keep(error);
      return undefined;
    }
  }

  async checkAsync<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      this.keep(error);
      return undefined;
    }
  }

  /** True when no check has failed so far (later checks that need earlier values may then run). */
  get ok(): boolean {
    return this.found.length === 0;
  }

  /** Throws the mistakes found, if any, as one InputError (the first one's field and message, and the whole list). */
  done(): void {
    if (this.found.length) throw new InputError(this.found[0]!.field, this.found[0]!.message, this.found);
  }

  private keep(error: unknown): void {
    if (!(error instanceof InputError)) throw error;
    for (const e of error.errors) if (!this.found.some((f) => f.field === e.field)) this.found.push(e);
  }
}

/** The thing asked for does not exist in the caller's workspace (or is not theirs to see). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}

/** The request clashes with the current state (a run already queued, a connection still in use). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

/** No key, or a key that is unknown or revoked. */
export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated' as const;
}

/** Bad input, naming the input path (e.g. `s3.bucketName`). */
export const badInput = (field: string, message: string) => new InputError(field, message);
/** `what id` does not exist in this workspace. */
export const notFound = (what: string, id: string) => new NotFoundError(`${what} ${id} does not exist in this workspace`);
/** A clash with the current state; `extra` goes to the caller in `extensions`. */
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new ConflictError(message, extra);
/** Not allowed for this caller. */
export const forbidden = (message: string) => new ForbiddenError(message);
/** No usable key. */
export const unauthenticated = (message = 'Send an API key as "Authorization: Bearer <key>"') => new UnauthenticatedError(message);
