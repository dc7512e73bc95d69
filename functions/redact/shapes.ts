/**
 * Secrets recognisable by shape anywhere in text, whatever key (if any) they sit under. Each
 * pattern keeps a label where there is one and hides the value, and never matches its own output,
 * so redaction is idempotent. Ordered: specific shapes before generic ones.
 *
 * Vendor prefixes are the documented ones: GitHub (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_),
 * Slack (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xoxc-, xoxd-, xapp-), Stripe (sk_/rk_ live and
 * test, whsec_), Google (AIza API keys, ya29. OAuth tokens), GitLab (glpat-), npm (npm_), SendGrid
 * (SG.x.y), Atlassian (ATATT3), Shopify (shpat_, shpss_, shpca_, shppa_), PyPI (pypi-AgEIcHlwaS5vcmc),
 * OpenAI/Anthropic (sk-proj-, sk-ant-), DigitalOcean (dop_v1_, doo_v1_, dor_v1_), HashiCorp Vault
 * (hvs., hvb.), Postman (PMAK-), Databricks (dapi), Twilio (SK + 32 hex), Mailgun (key- + 32 hex),
 * AWS (access key ids by their documented four-letter prefixes; STS session tokens by their
 * fixed base64 opening) and PEM private-key blocks.
 */
import { redactCardNumbers } from './card-numbers';
import { REDACTED } from './markers';
import { redactPersonalData } from './personal-data';
import { isSensitiveQueryKey } from './sensitive-keys';

type Replacement = string | ((match: string, ...groups: string[]) => string);

/**
 * A 40-character AWS secret access key has mixed case and digits; hex digests and ids do not. A
 * slash or plus glued to either end ("/wJalr...") is taken as punctuation, not part of the key.
 */
function secretKeyLike(match: string): string {
  const run = match;
  const lead = /^[/+]*/.exec(run)?.[0].length ?? 0;
  const trail = /[/+=]*$/.exec(run)?.[0].length ?? 0;
  let core: string | undefined;
  for (let l = 0; l <= lead && core === undefined; l++) {
    for (let t = 0; t <= trail && core === undefined; t++) {
      const slice = run.slice(l, run.length - t);
      if (slice.length === 40) core = slice;
    }
  }
  if (core === undefined || !(/[a-z]/.test(core) && /[A-Z]/.test(core) && /[0-9]/.test(core))) return match;
  return match.replace(core, REDACTED);
}

/** A word after "Basic" in prose ("basic validation") is not a credential; base64 and tokens are. */
function credentialLike(value: string): boolean {
  return (
    /\d|=$|%3D$/i.test(value) ||
    value.length >= 24 ||
    (/[a-z]/.test(value) && /[A-Z]/.test(value) && value.length >= 12)
  );
}

function scheme(match: string, name: string, gap: string, value: string): string {
  return credentialLike(value) ? `${name}${gap}${REDACTED}` : match;
}

/** `?key=value` / `&key=value` / `;key=value` pairs whose key names a credential. */
function queryPair(match: string, lead: string, key: string): string {
  return isSensitiveQueryKey(key) ? `${lead}${key}=${REDACTED}` : match;
}

const VENDOR_TOKENS: readonly RegExp[] = [
  /(?<![A-Za-z0-9])xox[abeoprscd]-[A-Za-z0-9-]{10,}/g,
  /(?<![A-Za-z0-9])xapp-[A-Za-z0-9-]{10,}/g,
  /(?<![A-Za-z0-9])(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,255}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{20,255}/g,
  /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,255}/g,
  /(?<![A-Za-z0-9])whsec_[A-Za-z0-9+/=]{10,}/g,
  /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/g,
  /(?<![A-Za-z0-9])ya29\.[0-9A-Za-z_-]{20,}/g,
  /(?<![A-Za-z0-9])glpat-[0-9A-Za-z_-]{20,}/g,
  /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g,
  /(?<![A-Za-z0-9])ATATT3[A-Za-z0-9_=-]{20,}/g,
  /(?<![A-Za-z0-9])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{20,}/g,
  /(?<![A-Za-z0-9])sk-(?:proj-|ant-(?:api\d{2}-)?)?[A-Za-z0-9_-]{32,}/g,
  /(?<![A-Za-z0-9])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])hv[sb]\.[A-Za-z0-9_-]{24,}/g,
  /(?<![A-Za-z0-9])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])key-[0-9a-f]{32}(?![A-Za-z0-9])/g,
  // AWS STS session tokens open with a fixed base64 prefix; also URL-encoded (%2F) or `\/`-escaped, whole.
  /(?<![A-Za-z0-9])(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz)(?:[A-Za-z0-9/+=]|%[0-9A-Fa-f]{2}|\\\/){8,}/g,
  // AWS access key ids.
  /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA|APKA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
];

const PATTERNS: readonly (readonly [RegExp, Replacement])[] = [
  // PEM private keys, also with escaped "\n" inside, also cut off by a log line's truncation.
  [
    /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    `-----BEGIN $1PRIVATE KEY----- ${REDACTED}`,
  ],
  // Credentials inside URLs: https://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@"'<>]+:[^/\s@"'<>]+@/gi, `$1${REDACTED}@`],
  // Slack incoming-webhook URLs are bearer credentials by themselves (with or without a scheme).
  [
    /\b(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
    `https://hooks.slack.com/${REDACTED}`,
  ],
  // Authorization schemes, plain and URL-encoded ("Bearer%20...", "Basic+...").
  [/(?<![A-Za-z0-9])(bearer|basic|negotiate)(\s+|%20|\+)(?!\[REDACTED\])([A-Za-z0-9._~+/%-]{6,}=*)/gi, scheme],
  [/\b(AWS4-HMAC-SHA256\s+)Credential=[^\s,]+/g, `$1Credential=${REDACTED}`],
  // SigV4 signatures outside a query string ("..., Signature=<64 hex>").
  [/\b(Signature\s*=\s*)[0-9a-f]{64}\b/gi, `$1${REDACTED}`],
  // JWTs (header.payload.signature, base64url), also without a signature.
  [/(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*)?/g, REDACTED],
  ...VENDOR_TOKENS.map((pattern) => [pattern, REDACTED] as const),
  // Credentials in query strings and form bodies: ?api_key=, &code=, &sig=, &password=...
  [/([?&;])([A-Za-z0-9_.[\]-]{1,64})=(?!\[REDACTED\])[^&\s"'#<>]+/g, queryPair],
  // An unlabeled AWS secret access key: exactly 40 base64 characters, mixed case with digits.
  [/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40,46}[=/+]*(?![A-Za-z0-9])/g, secretKeyLike],
];

/** Hides every secret and personal datum recognisable by its shape. */
export function redactShapes(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return redactPersonalData(redactCardNumbers(out));
}
