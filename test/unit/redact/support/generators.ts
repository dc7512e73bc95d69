/**
 * Generators for the redaction properties. Secrets are built from their vendors' documented formats
 * (real base64url JWT segments, base64 Basic credentials, Luhn-valid card numbers in random
 * groupings), not from the redactor's own patterns; key names put the sensitive words in random
 * case between random separators, prefixes and suffixes.
 */
import fc from 'fast-check';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';

export const charsOf = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc
    .array(fc.integer({ min: 0, max: alphabet.length - 1 }), { minLength: min, maxLength: max })
    .map((ix) => ix.map((i) => alphabet[i]).join(''));

/** A secret value: letters and digits, at least one digit, so it cannot hide inside words. */
export const secretValue: fc.Arbitrary<string> = fc
  .tuple(charsOf(ALNUM, 10, 32), fc.integer({ min: 0, max: 9 }))
  .map(([s, d]) => `${s.slice(0, 4)}${d}${s.slice(4)}`);

const SENSITIVE_WORDS: readonly (readonly string[])[] = [
  ['password'],
  ['passwd'],
  ['secret'],
  ['token'],
  ['access', 'token'],
  ['refresh', 'token'],
  ['id', 'token'],
  ['api', 'key'],
  ['x', 'api', 'key'],
  ['authorization'],
  ['cookie'],
  ['set', 'cookie'],
  ['session'],
  ['session', 'id'],
  ['private', 'key'],
  ['client', 'secret'],
  ['credential'],
  ['credentials'],
  ['db', 'password'],
  ['secret', 'access', 'key'],
  ['signing', 'secret'],
  ['auth', 'token'],
  ['pass', 'phrase'],
];
const PREFIXES = ['', 'db', 'x', 'aws', 'stripe', 'my', 'app', 'github', 'smtp', 'oauth2'];
const SUFFIXES = ['', 'value', 'v2', 'prod', 'current', 'old'];
const SEPARATORS = ['', '_', '-', '.', '__'];

function randomCase(word: string, flips: readonly boolean[]): string {
  return [...word].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c)).join('');
}

/** `DB_PASSWORD`, `xApiKey`, `Refresh-Token`, `app.client_SECRET.v2`... */
export const sensitiveKey: fc.Arbitrary<string> = fc
  .record({
    words: fc.constantFrom(...SENSITIVE_WORDS),
    prefix: fc.constantFrom(...PREFIXES),
    suffix: fc.constantFrom(...SUFFIXES),
    sep: fc.constantFrom(...SEPARATORS),
    style: fc.constantFrom('flips', 'camel', 'upper', 'lower'),
    flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
  })
  .map(({ words, prefix, suffix, sep, style, flips }) => {
    const all = [prefix, ...words, suffix].filter((w) => w !== '');
    if (style === 'camel') return all.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
    const joined = all.join(sep === '' && all.length > 1 ? '_' : sep);
    if (style === 'upper') return joined.toUpperCase();
    if (style === 'lower') return joined;
    return randomCase(joined, flips);
  });

const benignKey = fc.constantFrom('user', 'id', 'items', 'meta', 'data', 'orderId', 'status', 'region', 'count');

/** A value planted under a sensitive key, nested 0-4 levels deep among benign siblings. */
export const nested: fc.Arbitrary<{ value: unknown; secret: string }> = fc
  .tuple(sensitiveKey, secretValue, fc.array(fc.tuple(benignKey, fc.boolean()), { maxLength: 4 }), fc.boolean())
  .map(([key, secret, path, asArray]) => {
    let value: unknown = { [key]: asArray ? [secret] : secret, status: 'ok' };
    for (const [k, inArray] of path) value = inArray ? [{ [k]: value }] : { [k]: value, note: 'n' };
    return { value, secret };
  });

/** The structure as it appears in a log line: JSON escaped 0-3 times, or as an API Gateway map. */
export const embedded: fc.Arbitrary<{ text: string; secret: string }> = fc
  .tuple(nested, fc.integer({ min: 0, max: 3 }), fc.constantFrom('raw', 'field', 'map'), sensitiveKey, secretValue)
  .map(([{ value, secret }, levels, style, mapKey, mapSecret]) => {
    if (style === 'map')
      return { text: `Method request headers: {Accept=*/*, ${mapKey}=${mapSecret}, Host=x}`, secret: mapSecret };
    let text = JSON.stringify(value);
    for (let i = 0; i < levels; i++) text = JSON.stringify(text);
    if (style === 'field')
      return { text: `ERROR Invoke Error {"errorType":"Error","event":${levels === 0 ? text : text}}`, secret };
    // Escaped text pasted into a line without its surrounding quotes, as loggers print it.
    return { text: `Endpoint request body after transformations: ${levels === 0 ? text : text.slice(1, -1)}`, secret };
  });

/** Secrets as their vendors format them. `core` is the part that must never survive. */
export const tokenShape: fc.Arbitrary<{ text: string; core: string }> = fc.oneof(
  // JWT: real base64url of a JSON header and payload.
  fc
    .tuple(
      fc.dictionary(fc.constantFrom('sub', 'email', 'scope', 'iat'), fc.string({ maxLength: 12 }), { minKeys: 1 }),
      charsOf(ALNUM, 20, 43),
    )
    .map(([claims, sig]) => {
      const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
      const core = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.${sig}`;
      return { text: core, core: `${b64(claims)}.${sig}` };
    }),
  // HTTP Basic: base64 of user:password, plain or URL-encoded.
  fc.tuple(charsOf(ALNUM, 3, 10), secretValue, fc.boolean()).map(([user, pass, encoded]) => {
    const b64 = Buffer.from(`${user}:${pass}`).toString('base64');
    return { text: encoded ? `auth=Basic%20${encodeURIComponent(b64)}` : `Basic ${b64}`, core: b64.replace(/=+$/, '') };
  }),
  fc
    .tuple(secretValue, fc.boolean())
    .map(([t, encoded]) => ({ text: encoded ? `Bearer%20${t}` : `Bearer ${t}`, core: t })),
  // AWS access key ids: a documented 4-letter prefix and 16 base32 characters.
  fc
    .tuple(fc.constantFrom('AKIA', 'ASIA', 'AROA', 'AIDA'), charsOf(BASE32, 16, 16))
    .map(([p, s]) => ({ text: p + s, core: p + s })),
  // AWS secret access keys: 40 base64 characters (with at least one of each class).
  charsOf(`${ALNUM}/+`, 37, 37).map((s) => ({ text: `${s}aZ9`, core: `${s}aZ9` })),
  charsOf(ALNUM, 24, 60).map((s) => ({ text: `sk_live_${s}`, core: s })),
  charsOf(ALNUM, 36, 36).map((s) => ({ text: `ghp_${s}`, core: s })),
  fc
    .tuple(charsOf('0123456789', 10, 13), charsOf('0123456789', 10, 13), charsOf(ALNUM, 24, 24))
    .map(([a, b, c]) => ({ text: `xoxb-${a}-${b}-${c}`, core: c })),
  charsOf(`${ALNUM}_-`, 35, 35).map((s) => ({ text: `AIza${s}`, core: s })),
  charsOf(ALNUM, 20, 20).map((s) => ({ text: `glpat-${s}`, core: s })),
  charsOf(HEX, 32, 32).map((s) => ({ text: `SK${s}`, core: s })),
  // PEM private key with base64 lines joined by real or escaped newlines.
  fc
    .tuple(fc.array(charsOf(`${ALNUM}+/`, 64, 64), { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\\n'))
    .map(([lines, nl]) => ({
      text: `-----BEGIN PRIVATE KEY-----${nl}${lines.join(nl)}${nl}-----END PRIVATE KEY-----`,
      core: lines[0]!,
    })),
  // Payment cards: network prefix, random digits, Luhn check digit, random grouping.
  fc
    .tuple(
      fc.constantFrom('4', '51', '55', '2221', '34', '37', '6011', '65'),
      charsOf('0123456789', 14, 14),
      fc.constantFrom(' ', '-', ''),
      fc.integer({ min: 3, max: 5 }),
    )
    .map(([iin, rest, sep, group]) => {
      const length = iin.startsWith('3') ? 15 : 16;
      const body = (iin + rest).slice(0, length - 1);
      let sum = 0;
      for (let i = 0; i < body.length; i++) {
        let d = Number(body[body.length - 1 - i]);
        if (i % 2 === 0) {
          d *= 2;
          if (d > 9) d -= 9;
        }
        sum += d;
      }
      const digits = body + String((10 - (sum % 10)) % 10);
      const grouped = digits.match(new RegExp(`.{1,${group}}`, 'g'))!.join(sep);
      return { text: grouped, core: grouped };
    }),
  // E-mail addresses, also percent-encoded in a URL.
  fc
    .tuple(
      charsOf('abcdefghijklmnopqrstuvwxyz', 3, 10),
      charsOf('abcdefghijklmnopqrstuvwxyz0123456789', 2, 8),
      fc.constantFrom('com', 'co.uk', 'io', 'de'),
      fc.boolean(),
    )
    .map(([local, domain, tld, encoded]) => {
      const address = `${local}.x${domain}@${domain}.${tld}`;
      return { text: encoded ? `?user=${encodeURIComponent(address)}&a=1` : address, core: `${local}.x${domain}` };
    }),
  // Query-string credentials.
  fc
    .tuple(fc.constantFrom('api_key', 'code', 'token', 'sig', 'access_token', 'X-Amz-Signature'), secretValue)
    .map(([k, v]) => ({ text: `https://x.example.com/cb?${k}=${v}&page=2`, core: v })),
  // US SSNs (valid areas) and international phone numbers.
  fc
    .tuple(fc.integer({ min: 1, max: 665 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
    .map(([a, g, s]) => {
      const ssn = `${String(a).padStart(3, '0')}-${String(g).padStart(2, '0')}-${String(s).padStart(4, '0')}`;
      return { text: ssn, core: ssn };
    }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 99 }),
      charsOf('0123456789', 3, 3),
      charsOf('0123456789', 3, 4),
      charsOf('0123456789', 4, 4),
    )
    .map(([cc, a, b, c]) => {
      const phone = `+${cc} ${a} ${b} ${c}`;
      return { text: phone, core: `${a} ${b} ${c}` };
    }),
);

/** Evidence that must stay readable: ids, ARNs, timestamps, status codes, names. */
export const benignText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.uuid(),
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.integer({ min: 100, max: 599 }).map((s) => `Method completed with status: ${s}`),
      charsOf('abcdefghijklmnopqrstuvwxyz0123456789', 10, 10).map((id) => `API id ${id}`),
      fc
        .tuple(
          fc.constantFrom('eu-west-1', 'us-east-1', 'ap-southeast-2'),
          charsOf('0123456789', 12, 12),
          charsOf('abcdefghijklmnopqrstuvwxyz-', 3, 20),
        )
        .map(([r, a, n]) => `arn:aws:lambda:${r}:${a}:function:f${n}`),
      charsOf('abcdefghijklmnopqrstuvwxyz-', 3, 30).map((n) => `function orders${n}`),
      charsOf(HEX, 40, 40).map((sha) => `deployed ${sha}`),
      fc.integer({ min: 1_500_000_000_000, max: 1_999_999_999_999 }).map((ms) => `at ${ms} ms`),
      fc.integer({ min: 0, max: 100_000 }).map((n) => `Duration: ${n}.12 ms Billed Duration: ${n} ms`),
      charsOf(HEX, 24, 24).map((h) => `X-Amzn-Trace-Id: Root=1-6634f1a2-${h}`),
      fc.constantFrom(
        'Execution failed due to a timeout error',
        'Endpoint request timed out',
        'Lambda execution failed with status 200 due to customer function error',
        'Task timed out after 29.03 seconds',
        'Malformed Lambda proxy response',
        'Rate Exceeded.',
        '(8c3e9a52-1f0b-4d7e-9a61-2b7c5d0e4f13) Extended Request Id: ZiFxuH9eFiAFYVw=',
        'HTTP Method: POST, Resource Path: /orders/{id}',
        'Sending request to https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations',
      ),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(' '));
