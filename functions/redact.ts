/**
 * Redaction of everything that leaves the account in a message. One module, applied once at the
 * summary boundary (and to log examples as probes collect them).
 */
const REDACTED = '[REDACTED]';

/** Ordered: specific shapes before generic ones. Each pattern keeps the label and hides the value. */
const PATTERNS: readonly (readonly [RegExp, string])[] = [
  [
    /\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|aws4-hmac-sha256)\s+)?[^\s"',}]+(?:[^"',}\n]*)/gi,
    `$1$2${REDACTED}`,
  ],
  [/\b(cookie|set-cookie|x-api-key|x-amz-security-token)(["']?\s*[:=]\s*["']?)[^"'\n,}]+/gi, `$1$2${REDACTED}`],
  [/\bbearer\s+[A-Za-z0-9._~+/-]+=*/gi, `Bearer ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, REDACTED],
  [
    /\b(aws_secret_access_key|secretaccesskey|secret_key|aws_session_token)(["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{16,}/gi,
    `$1$2${REDACTED}`,
  ],
  [
    /([?&;](?:password|passwd|pwd|token|access_token|refresh_token|id_token|api_key|apikey|key|secret|signature|x-amz-signature|x-amz-credential|x-amz-security-token|sig)=)[^&\s"']+/gi,
    `$1${REDACTED}`,
  ],
  [
    /(["']?(?:password|passwd|secret|client_secret|api_key|apikey|token)["']?\s*[:=]\s*["']?)[^"'\s,}]+/gi,
    `$1${REDACTED}`,
  ],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, '[EMAIL]'],
];

/** Remove secrets and personal data from one string. Idempotent. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
