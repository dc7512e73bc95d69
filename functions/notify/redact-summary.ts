import type { IncidentSummary, Link } from '../types';
import type { RedactionOptions } from '../redact';
import { protect } from '../redact';

/** Keys that are identifiers, not content: redaction must never alter them. */
const KEEP = ['schemaVersion', 'incidentId', 'kind', 'state', 'severity', 'class'] as const;

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** A URL whose percent-encoding hides a secret from the patterns is redacted in decoded form. */
function safeLink(link: Link, options: RedactionOptions): Link {
  const plain = decoded(link.url);
  const cleaned = protect(plain, options);
  return cleaned === plain ? link : { ...link, url: encodeURI(cleaned) };
}

/** The model boundary: every string that can leave the account, redacted. Idempotent. */
export function redactSummary(summary: IncidentSummary, options: RedactionOptions = {}): IncidentSummary {
  const redacted = protect(summary, options, KEEP);
  return { ...redacted, links: redacted.links.map((link) => safeLink(link, options)) };
}
