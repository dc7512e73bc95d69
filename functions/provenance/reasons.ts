/**
 * Why a well-formed alarm notification is not trusted. Stable codes: they are the `reason`
 * dimension of the RejectedEvents metric and the field operators search the logs for.
 */
export const PROVENANCE_REASONS = [
  /** The alarm's (or the watched metric's) account is neither the function's own nor trusted. */
  'UNTRUSTED_ACCOUNT',
  /** The alarm's region is neither the function's own nor a configured one. */
  'UNTRUSTED_REGION',
  /** Not one of this project's alarms (name prefix) and not explicitly allowed. */
  'FOREIGN_ALARM',
  /** The alarm's name names another API or stage than the metric it watches. */
  'ALARM_API_MISMATCH',
  /** A stage or API name API Gateway could never have produced. */
  'INVALID_API_NAME',
  /** The API or stage is not in the configuration's watched list. */
  'UNWATCHED_API',
  /** The state-change time is in the future or older than any event the responder can receive. */
  'IMPLAUSIBLE_TIME',
  /** CloudWatch does not know the alarm. */
  'UNKNOWN_ALARM',
  /** CloudWatch says another state, and its history has no such change at that time. */
  'STATE_MISMATCH',
  /** CloudWatch is in the claimed state, but since before the time the message claims. */
  'STALE_STATE',
] as const;
export type ProvenanceReason = (typeof PROVENANCE_REASONS)[number];

export interface ProvenanceRejection {
  readonly ok: false;
  readonly reason: ProvenanceReason;
  /** One sentence for the log: what was claimed and what was found. */
  readonly detail: string;
}

export function rejection(reason: ProvenanceReason, detail: string): ProvenanceRejection {
  return { ok: false, reason, detail };
}
