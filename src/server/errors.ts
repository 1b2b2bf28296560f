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

/** The base of the errors of one kind, carrying `defaultCode` unless the thrower names another. */
function errorOfKind<Kind extends DomainErrorKind>(kind: Kind, defaultCode: string) {
  return class extends DomainError {
    readonly kind = kind;
    constructor(message: string, details: DomainErrorDetails = {}) {
      super(defaultCode, message, details);
    }
  };
}

/** A value the caller sent breaks a rule (a missing unit, a malformed CSV line…). */
export class InvalidInput extends errorOfKind('invalid-input', 'invalid-request') {}

/** No credentials, or credentials nobody knows. */
export class Unauthenticated extends errorOfKind('unauthenticated', 'unauthenticated') {}

/** Known credentials that may not do this (another role, a revoked device, another unit). */
export class Forbidden extends errorOfKind('forbidden', 'forbidden') {}

export class NotFound extends errorOfKind('not-found', 'not-found') {}

/** The request contradicts what is stored (a taken name, a key not yet created). */
export class Conflict extends errorOfKind('conflict', 'conflict') {}

/** What the request names existed once and is withdrawn for good. */
export class Gone extends errorOfKind('gone', 'gone') {}

/** More items in one request than a request may carry. */
export class TooLarge extends errorOfKind('too-large', 'payload-too-large') {}

export class TooManyRequests extends errorOfKind('too-many-requests', 'rate-limited') {}

/** The server lacks a setting this feature needs; an operator fixes it, not the caller. */
export class NotConfigured extends errorOfKind('not-configured', 'not-configured') {}
