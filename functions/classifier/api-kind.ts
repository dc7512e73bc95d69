/**
 * API kind for the classifier: "rest" (v1) or "http" (v2). HTTP APIs write no execution logs and
 * answer an integration timeout with 503 rather than 504, so the same lines weigh differently. The
 * diagnosis knows the kind; `classify` takes --api-kind or infers it from the lines.
 */
import type { ApiKind } from '../types';

export const API_KIND_HINTS = ['rest', 'http'] as const;
export type ApiKindHint = (typeof API_KIND_HINTS)[number];

export function isApiKindHint(value: string): value is ApiKindHint {
  return (API_KIND_HINTS as readonly string[]).includes(value);
}

/** The incident's ApiKind ("REST" | "HTTP" | …) as the classifier's hint, when it is one of the two. */
export function apiKindHintOf(kind: ApiKind | undefined): ApiKindHint | undefined {
  if (kind === undefined) return undefined;
  const lower = String(kind).toLowerCase();
  return isApiKindHint(lower) ? lower : undefined;
}
