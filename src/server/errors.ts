/**
 * What services, repositories and guards throw when a request cannot be done. None of them knows HTTP:
 * each error carries a kind, a code a program can switch on, a message a person can read, and the field
 * at fault when there is one; the one error handler (http/api-failure.ts) maps the kind to a status.
 */
export type DomainErrorKind =
  'invalid-input' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'gone' | 'too-large' | 'too-many-requests' | 'not-configured';

/** The code and the field at fault; the code defaults to the kind's usual one (e.g. 'not-found'). */
export interface DomainErrorDetails {
  code?: string;
  field?: string | undefined;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly code: string;
  readonly field: string | undefined;

  protected constructor(defaultCode: string, message: string, details: DomainErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.code = details.code ?? defaultCode;
    this.field = details.field;
  }
}

/** A value the caller sent breaks a rule (a missing unit, a malformed CSV line…). */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid-input';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('invalid-request', message, details);
  }
}

/** No credentials, or credentials nobody knows. */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('unauthenticated', message, details);
  }
}

/** Known credentials that may not do this (another role, a revoked device, another unit). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('forbidden', message, details);
  }
}

export class NotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('not-found', message, details);
  }
}

/** The request contradicts what is stored (a taken name, a key not yet created). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('conflict', message, details);
  }
}

/** What the request names existed once and is withdrawn for good. */
export class Gone extends DomainError {
  readonly kind = 'gone';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('gone', message, details);
  }
}

/** More items in one request than a request may carry. */
export class TooLarge extends DomainError {
  readonly kind = 'too-large';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('payload-too-large', message, details);
  }
}

export class TooManyRequests extends DomainError {
  readonly kind = 'too-many-requests';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('rate-limited', message, details);
  }
}

/** The server lacks a setting this feature needs; an operator fixes it, not the caller. */
export class NotConfigured extends DomainError {
  readonly kind = 'not-configured';
  constructor(message: string, details: DomainErrorDetails = {}) {
    super('not-configured', message, details);
  }
}
