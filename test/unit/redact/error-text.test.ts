import { httpRequest } from '../../../functions/notify/http';
import { requireHttps } from '../../../functions/notify/https-url';
import { safeError, safeErrorText } from '../../../functions/redact';
import { redactionFor } from '../../../functions/responder/redaction-options';
import type { ResponderRuntimeConfig } from '../../../functions/runtime-config';

const SLACK_PATH = 'T0AAA1111/B0BBB2222/c3VwZXJzZWNyZXRwYXRo';

describe('errors never carry a URL or a secret', () => {
  it("hides a scheme-less Slack webhook URL that Node's fetch echoes", async () => {
    // Arrange: the real fetch, a URL missing its scheme (it fails before any network).
    const url = `hooks.slack.com/services/${SLACK_PATH}`;
    // Act
    const error = await httpRequest({ url, body: {}, signal: new AbortController().signal }).catch((e: unknown) => e);
    // Assert
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain(SLACK_PATH);
    expect((error as Error).message).toContain('[REDACTED]');
    expect((error as Error).cause).toBeUndefined();
  });

  it('keeps the origin of a URL and drops its path and query', () => {
    expect(safeErrorText('POST to https://hooks.example.com/in/abc123?key=k9 failed')).toBe(
      'POST to https://hooks.example.com/[REDACTED] failed',
    );
  });

  it('hides a known value however it is embedded', () => {
    expect(safeErrorText('bad input: abc/def/ghi!', ['abc/def/ghi'])).toBe('bad input: [REDACTED]!');
  });

  it('makes a thrown error safe, message and stack', () => {
    const error = safeError(new Error(`cannot post to https://hooks.slack.com/services/${SLACK_PATH}`)) as Error;
    expect(error.message).not.toContain(SLACK_PATH);
    expect(error.stack).not.toContain(SLACK_PATH);
  });
});

describe('destination URLs must be https://', () => {
  it.each([
    ['http://hooks.example.com/in/x', 'secret hook field "url": must be an https:// URL (got http://)'],
    ['ftp://example.com/x', 'secret hook field "url": must be an https:// URL (got ftp://)'],
    ['hooks.example.com/in/x', 'secret hook field "url": not a URL (expected https://...)'],
  ])('refuses %s naming the field, not the URL', (url, message) => {
    expect(() => requireHttps(url, 'hook', 'url')).toThrow(message);
    try {
      requireHttps(url, 'hook', 'url');
    } catch (error) {
      expect((error as Error).message).not.toContain('in/x');
    }
  });

  it.each(['https://hooks.example.com/in/x', 'http://127.0.0.1:8080/x', 'http://localhost/x'])('accepts %s', (url) => {
    expect(requireHttps(url, 'hook', 'url')).toBe(url);
  });
});

describe('redaction options of an incident', () => {
  const config = {
    watched: [
      { kind: 'REST', name: 'orders-api', stages: ['prod'], quoteBodies: true },
      { kind: 'HTTP', id: 'a1b2c3d4e5', stages: ['$default'] },
    ],
    redaction: { clientIps: 'keep' },
  } as unknown as ResponderRuntimeConfig;

  it("takes the API's quoteBodies and the deployment's client IP policy", () => {
    expect(redactionFor(config, { kind: 'REST', name: 'orders-api', stage: 'prod' })).toEqual({
      clientIps: 'keep',
      quoteBodies: true,
    });
    expect(redactionFor(config, { kind: 'HTTP', id: 'a1b2c3d4e5', stage: '$default' })).toEqual({
      clientIps: 'keep',
      quoteBodies: false,
    });
  });

  it('defaults to masked IPs and described bodies', () => {
    expect(redactionFor({ watched: [] } as unknown as ResponderRuntimeConfig, undefined)).toEqual({
      clientIps: 'mask',
      quoteBodies: false,
    });
  });
});
