/**
 * Which errors of a read role say "this role will not work until someone changes it" and which
 * only say "not now". The difference decides what the responder does:
 *
 *   definitive  the role is missing, does not trust this responder, wants another ExternalId, or
 *               the request is malformed (STS answers all of these with AccessDenied and
 *               "is not authorized to perform: sts:AssumeRole", without saying which). Retrying
 *               cannot help: the incident goes out saying so, and the failure is remembered for
 *               the invocation.
 *   passing     throttling, a timeout, an STS 5xx, a network reset, anything not known to be
 *               definitive. The record fails so Lambda (or the queue) delivers it again, and the
 *               dead-letter queue keeps it after the retries: never posted without its diagnosis.
 *
 * STS documents AccessDenied-style refusals plus MalformedPolicyDocument, PackedPolicyTooLarge,
 * RegionDisabledException and ExpiredToken (the caller's own credentials: passing, Lambda renews
 * them) for AssumeRole.
 */
import { reasonOf } from '../diagnosis/probe';
import { safeErrorText } from '../redact';

/** IAM's refusals by name. */
const DENIED_NAMES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

/** IAM's wording of a refusal, whatever the error's name (some SDK paths surface a generic one). */
const DENIED_WORDING = /\bis not authori[sz]ed to perform\b/i;

/** AssumeRole's other answers that no retry can change: a missing role, a disabled region, a malformed request. */
const OTHER_DEFINITIVE_NAMES = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'RegionDisabledException',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'PackedPolicyTooLarge',
  'PackedPolicyTooLargeException',
  'ValidationError',
  'ValidationException',
  'InvalidParameterValue',
]);

/** True when an AssumeRole error means the role cannot be used as configured (retrying cannot help). */
export function isDefinitiveRoleError(error: unknown): boolean {
  return isAccessDenied(error) || (error instanceof Error && OTHER_DEFINITIVE_NAMES.has(error.name));
}

/** True when an AWS call was refused by IAM (the caller lacks the permission). */
export function isAccessDenied(error: unknown): boolean {
  return error instanceof Error && (DENIED_NAMES.has(error.name) || DENIED_WORDING.test(error.message));
}

/** An AWS error's short reason (probe.ts's reasonOf), made safe to show: no URL, nothing shaped like a secret. */
export function safeReasonOf(error: unknown): string {
  return safeErrorText(reasonOf(error));
}
