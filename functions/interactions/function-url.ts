/**
 * The interactions endpoint (a Lambda function URL): verify, refuse replays, answer Slack at once
 * and hand the work to an asynchronous worker. Anything unverified gets 401 and a metric, and
 * nothing else happens: no secret beyond the signing secret is read, no store write, no dispatch.
 */
import type { IncidentAction } from './parse-action';
import { parseIncidentAction } from './parse-action';
import type { Rejection } from './verify-signature';
import { MAX_BODY_BYTES, verifySlackSignature } from './verify-signature';

/** The parts of a function-URL event (payload format 2.0) this endpoint reads. */
export interface FunctionUrlEvent {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly http?: { readonly method?: string } };
}

export interface FunctionUrlResult {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

export interface EndpointDeps {
  readonly signingSecret: () => Promise<string>;
  /** Records a verified request's signature; false when it was seen before (a replay). */
  readonly firstSeen: (signature: string, nowMs: number) => Promise<boolean>;
  /** Starts the work asynchronously (an async self-invoke); must not wait for it. */
  readonly dispatch: (action: IncidentAction) => Promise<void>;
  readonly rejected: (reason: Rejection) => void;
  readonly now: () => number;
}

const UNAUTHORIZED: FunctionUrlResult = { statusCode: 401, body: 'unauthorized' };

function lowerCased(
  headers: Readonly<Record<string, string | undefined>> | undefined,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

export function createInteractionsEndpoint(deps: EndpointDeps) {
  function reject(reason: Rejection, statusCode = 401): FunctionUrlResult {
    deps.rejected(reason);
    return statusCode === 401 ? UNAUTHORIZED : { statusCode, body: reason };
  }

  return async function handle(event: FunctionUrlEvent): Promise<FunctionUrlResult> {
    const nowMs = deps.now();
    const encoded = event.body ?? '';
    // Cheap size check before decoding or hashing anything.
    if (encoded.length > (MAX_BODY_BYTES * 4) / 3 + 4) return reject('oversize');
    const rawBody = event.isBase64Encoded === true ? Buffer.from(encoded, 'base64').toString('utf8') : encoded;
    const headers = lowerCased(event.headers);
    const verification = verifySlackSignature({ headers, rawBody }, await deps.signingSecret(), nowMs);
    if (!verification.ok) return reject(verification.reason);
    if (!(await deps.firstSeen(headers['x-slack-signature'] ?? '', nowMs))) return reject('replayed');
    const action = parseIncidentAction(rawBody, new Date(nowMs).toISOString());
    // A verified request we do not act on (another app feature): acknowledged, nothing done.
    if (action !== undefined) await deps.dispatch(action);
    return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: '' };
  };
}
