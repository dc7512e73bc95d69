import type { IncidentSummary, Link } from '../types';
import { redact, redactDeep } from '../redact';

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
function safeLink(link: Link): Link {
  const plain = decoded(link.url);
  const cleaned = redact(plain);
  return cleaned === plain ? link : { ...link, url: encodeURI(cleaned) };
}

/** The model boundary: every string that can leave the account, redacted. Idempotent. */
export function redactSummary(summary: IncidentSummary): IncidentSummary {
  const redacted = redactDeep(summary, KEEP);
  return { ...redacted, links: redacted.links.map(safeLink) };
}
