/**
 * Redaction of everything that leaves the account in a message. One module, applied once at the
 * summary boundary (and to log examples as probes collect them).
 */
export const REDACTED = '[REDACTED]';
export const REDACTED_EMAIL = '[EMAIL]';

type Replacement = string | ((match: string, ...groups: string[]) => string);

/** Header names whose whole value is a credential. */
const SECRET_HEADERS =
  'authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-amz-security-token|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token';

/** Query-string / form keys whose value is a credential. */
const SECRET_QUERY_KEYS =
  'password|passwd|pwd|pass|token|access_token|refresh_token|id_token|auth_token|session_token|private_token|api_key|apikey|api-key|key|secret|client_secret|signature|sig|jwt|x-amz-signature|x-amz-credential|x-amz-security-token';

/** Keys in JSON, YAML, env or log "key: value" shapes whose value is a credential. */
const SECRET_KEYS =
  'password|passwd|passphrase|secret|client_secret|api_key|apikey|api-key|token|access_token|refresh_token|id_token|auth_token|session_token|private_key';

/** A 40-character AWS secret access key has mixed case and digits; hex digests and ids do not. */
function secretKeyLike(match: string): string {
  return /[a-z]/.test(match) && /[A-Z]/.test(match) && /[0-9]/.test(match) ? REDACTED : match;
}

/**
 * Ordered: specific shapes before generic ones. Each pattern keeps the label and hides the value,
 * and never matches its own output, so redaction is idempotent.
 */
const PATTERNS: readonly (readonly [RegExp, Replacement])[] = [
  // Credentials inside URLs: https://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@"'<>]+:[^/\s@"'<>]+@/gi, `$1${REDACTED}@`],
  // Slack incoming-webhook URLs are bearer credentials by themselves.
  [
    /\bhttps:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
    `https://hooks.slack.com/${REDACTED}`,
  ],
  // Header lines and maps: "Authorization: Bearer x", {Authorization=Basic x, Cookie=a=b; c=d}, "x-api-key":"x".
  [
    new RegExp(
      `\\b(${SECRET_HEADERS})(["']?\\s*[:=]\\s*["']?)(?:(?:bearer|basic|digest|token|aws4-hmac-sha256)\\s+)?(?!\\[REDACTED\\])[^\\s"',}\\]]+(?:[^"',}\\]\\n]*)`,
      'gi',
    ),
    `$1$2${REDACTED}`,
  ],
  [/\bbearer\s+(?!\[REDACTED\])[A-Za-z0-9._~+/-]+=*/gi, `Bearer ${REDACTED}`],
  // SigV4 signatures outside a query string ("..., Signature=<64 hex>").
  [/\b(Signature\s*=\s*)[0-9a-f]{64}\b/gi, `$1${REDACTED}`],
  // JWTs (header.payload.signature, base64url).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // AWS access key ids.
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED],
  // AWS secret keys and session tokens with a label.
  [
    /\b((?:aws[_-]?)?(?:secret[_-]?access[_-]?key|secret[_-]?key|session[_-]?token)["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[A-Za-z0-9/+=]{16,}/gi,
    `$1${REDACTED}`,
  ],
  // Passwords and tokens in query strings and form bodies.
  [new RegExp(`([?&;](?:${SECRET_QUERY_KEYS})=)(?!\\[REDACTED\\])[^&\\s"'#]+`, 'gi'), `$1${REDACTED}`],
  // Key/value pairs in JSON, YAML, env files and logs.
  [
    new RegExp(`(["']?\\b(?:${SECRET_KEYS})["']?\\s*[:=]\\s*["']?)(?!\\[REDACTED\\])[^"'\\s,}&]+`, 'gi'),
    `$1${REDACTED}`,
  ],
  // Vendor tokens with a recognisable prefix: Slack, GitHub, Atlassian, PagerDuty-style u+ keys.
  [/\bxox[abeprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/\bATATT3[A-Za-z0-9_=-]{20,}/g, REDACTED],
  // An unlabeled AWS secret access key: exactly 40 base64 characters, mixed case with digits.
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, secretKeyLike],
  [/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, REDACTED_EMAIL],
];

/** Remove secrets and personal data from one string. Idempotent. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}

/** Redact every string in a JSON-like value, keeping its shape. Keys listed in `keep` are left as they are. */
export function redactDeep<T>(value: T, keep: readonly string[] = []): T {
  return redactValue(value, new Set(keep)) as T;
}

function redactValue(value: unknown, keep: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, keep));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, keep.has(key) ? item : redactValue(item, keep)]),
    );
  }
  return value;
}
