/**
 * The value scrub of an assumed session's credentials, on review 6 #3's cases: it never leaves the
 * body of a token after taking its start (which would hide the token from `protect`), whether the
 * token is this session's (as written, URL-encoded, `\/`-escaped, cut short) or another session's.
 */
import { credentialScrub } from '../../../functions/cross-account/credential-scrub';
import { protect } from '../../../functions/redact';

const session = {
  accessKeyId: 'ASIAZ7Q3XK5M2EXAMPLE',
  secretAccessKey: 'k7Rz2Qp9Xw3Lm8Nv4Bt6Yc1Hd5Gf0Js2Ue7Wa9Pq',
  sessionToken: `IQoJb3JpZ2luX2VjEPr//////////wEaCWV1LXdlc3QtMSJHMEUCIQD${'Zm9yZ2VkLXNlc3Npb24tdG9rZW4'.repeat(12)}+abc/def==`,
};
/** The member backend's own token (another STS session): shares only the public header with ours. */
const FOREIGN =
  'IQoJb3JpZ2luX2VjEGYaCWV1LXdlc3QtMSJIMEYCIQCx9Jd2kP0qLmN8vR4tY6uW1zA3bC5dE7fG9hJ2kL4mN6pQ8rS0tU2vW4xY6zA8bC0dE2fG4hJ6kL8mN0pQ2rS4tU6vW8xY0zA2bC4dE6fG8hJ0kL2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2hJ4kL6mN8pQ0rS2tU4vW6xY8zA0bC2dE4fG6hJ8';
const scrub = credentialScrub(session);
const out = (why: string): string => protect<{ why: string }>(scrub({ why })).why;
/** Distinctive middles of a token: none may survive, in any encoding. */
const bodyOf = (token: string): string[] => [token.slice(20, 50), token.slice(100, 130), token.slice(-30)];
const leaks = (text: string, token: string): string[] =>
  bodyOf(token).filter((part) => text.includes(part) || text.includes(encodeURIComponent(part)));

describe('credentialScrub (with protect after it)', () => {
  it("removes this session's URL-encoded token whole, as in a presigned URL", () => {
    const enc = encodeURIComponent(session.sessionToken);
    const text = out(`X-Amz-Security-Token=${enc}&X-Amz-Date=20250501T120000Z failed`);
    expect(leaks(text, session.sessionToken)).toEqual([]);
    expect(text).toContain('&X-Amz-Date=20250501T120000Z failed');
  });

  it('removes a \\/-escaped copy of the token whole', () => {
    const text = out(`{"token":"${session.sessionToken.replaceAll('/', '\\/')}"} done`);
    expect(leaks(text.replaceAll('\\/', '/'), session.sessionToken)).toEqual([]);
    expect(text).toContain('done');
  });

  it("never strips another session's token header and leaves its body", () => {
    const text = out(`2025-05-01T12:00:00Z INFO env AWS_REGION=eu-west-1 token ${FOREIGN} done`);
    expect(leaks(text, FOREIGN)).toEqual([]);
    expect(text).toMatch(/token \[REDACTED\] done$/);
  });

  it('removes every start of 16 to 39 characters of the secret, and of the key id and token, with nothing after it', () => {
    for (const value of [session.secretAccessKey, session.accessKeyId, session.sessionToken]) {
      for (let length = 16; length <= Math.min(39, value.length); length++) {
        const text = out(`signature over ${value.slice(0, length)}… cut`);
        expect({ length, text }).toEqual({ length, text: 'signature over [REDACTED]… cut' });
      }
    }
  });

  it('removes the exact values and keeps what is not a credential, numbers and dates included', () => {
    const at = new Date(0);
    const result = scrub({
      why: `key ${session.accessKeyId} secret ${session.secretAccessKey} token ${session.sessionToken}.`,
      ratio: Number.POSITIVE_INFINITY,
      at,
      list: ['plain', 3],
    });
    expect(result).toEqual({
      why: 'key [REDACTED] secret [REDACTED] token [REDACTED].',
      ratio: Number.POSITIVE_INFINITY,
      at,
      list: ['plain', 3],
    });
  });

  it('returns the same value when no credential appears', () => {
    const value = { why: 'Task timed out after 29.00 seconds' };
    expect(scrub(value)).toBe(value);
  });
});

describe('protect on its own', () => {
  it('catches a URL-encoded STS token whole (not only up to its first escape)', () => {
    const text = protect<{ why: string }>({
      why: `token ${encodeURIComponent(FOREIGN.replace('EGYa', 'E//a'))} done`,
    }).why;
    expect(text).toBe('token [REDACTED] done');
  });
});
