import fc from 'fast-check';
import { redact } from '../../../functions/redact';
import { buildSummary } from '../../../functions/notify/summary';
import { renderJira } from '../../../functions/notify/render-jira';
import { renderMarkdown } from '../../../functions/notify/render-markdown';
import { renderSlack } from '../../../functions/notify/render-slack';
import { incident } from './support/summaries';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('redact', () => {
  it.each([
    ['Authorization header', 'Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['Authorization in an API Gateway header map', '{Authorization=Basic dXNlcjpwYXNz, Host=x}', 'dXNlcjpwYXNz'],
    ['Authorization as JSON', '{"authorization":"Token s3cr3tvalue"}', 's3cr3tvalue'],
    [
      'SigV4 Authorization',
      'authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240501/eu-west-1/execute-api/aws4_request, SignedHeaders=host, Signature=' +
        'ab'.repeat(32),
      'AKIAIOSFODNN7EXAMPLE',
    ],
    ['SigV4 signature after a comma', 'SignedHeaders=host;x-amz-date, Signature=' + 'cd'.repeat(32), 'cd'.repeat(32)],
    ['Cookie header', 'Cookie: session=abc123; csrftoken=zzz999', 'abc123'],
    ['Set-Cookie header', 'set-cookie: sid=s%3Aabcdef; Path=/; HttpOnly', 's%3Aabcdef'],
    ['x-api-key header', 'x-api-key: 0123456789abcdefghij', '0123456789abcdefghij'],
    ['X-API-Key in a header map', '{X-API-Key=kkkkeeeeyyyy1234, Accept=*/*}', 'kkkkeeeeyyyy1234'],
    [
      'x-amz-security-token header',
      'X-Amz-Security-Token: IQoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMSJHMEUCIQ',
      'IQoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMSJHMEUCIQ',
    ],
    ['bare bearer token', 'calling upstream with bearer 9f8e7d6c5b4a', '9f8e7d6c5b4a'],
    ['JWT', `token was ${JWT} in body`, JWT.split('.')[2]!],
    ['AWS access key id', 'using AKIAIOSFODNN7EXAMPLE to sign', 'AKIAIOSFODNN7EXAMPLE'],
    ['AWS temporary key id', 'ASIAY34FZKBOKMUTVV7A', 'ASIAY34FZKBOKMUTVV7A'],
    ['AWS secret key with label', `aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET],
    ['AWS secret key as JSON', `{"SecretAccessKey":"${AWS_SECRET}"}`, AWS_SECRET],
    ['AWS secret key unlabeled', `creds AKIAIOSFODNN7EXAMPLE ${AWS_SECRET}`, AWS_SECRET],
    [
      'AWS session token with label',
      'aws_session_token=FwoGZXIvYXdzEBYaDHVeryLongSessionToken',
      'FwoGZXIvYXdzEBYaDHVeryLongSessionToken',
    ],
    ['password in a query string', 'GET /login?user=bob&password=hunter2&x=1', 'hunter2'],
    ['token in a query string', 'https://api.example.com/v1/items?access_token=tok_123456&page=2', 'tok_123456'],
    [
      'presigned URL signature',
      'https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA0000&X-Amz-Signature=deadbeefcafe',
      'deadbeefcafe',
    ],
    ['api_key in a query string', '/v2/search?q=shoes&api_key=sk_live_abcdef', 'sk_live_abcdef'],
    ['password as JSON', '{"username":"bob","password":"correct horse"}', 'correct'],
    ['client_secret in a form body', 'grant_type=client_credentials&client_secret=cs_9876543210', 'cs_9876543210'],
    ['credentials in a URL', 'jdbc postgres://admin:Pa55w0rd@db.internal:5432/orders', 'Pa55w0rd'],
    ['Slack bot token', 'token xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxb-123456789012'],
    [
      'Slack webhook URL',
      'posting to https://hooks.slack.com/services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX',
      'XXXXXXXXXXXXXXXXXXXXXXXX',
    ],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['email address', 'user jane.doe+ops@example.co.uk failed login', 'jane.doe+ops@example.co.uk'],
  ])('removes %s', (_name, input, secret) => {
    // Act
    const out = redact(input);
    // Assert
    expect(out).not.toContain(secret);
    expect(out).toMatch(/\[REDACTED\]|\[EMAIL\]/);
  });

  it.each([
    ['request ids', '(8c3e9a52-1f0b-4d7e-9a61-2b7c5d0e4f13) Execution failed due to a timeout error'],
    ['a git sha', 'deployed 9fceb02d0ae598e95dc970b74767f19372d61af8 to prod'],
    ['an ARN', 'arn:aws:lambda:eu-west-1:123456789012:function:orders-handler'],
    ['a status line', 'Method completed with status: 504'],
    ['a CLI command', 'aws lambda update-alias --function-name orders-handler --name live --function-version 41'],
  ])('keeps %s', (_name, input) => {
    expect(redact(input)).toBe(input);
  });

  it('is idempotent', () => {
    const once = redact(`Authorization: Bearer ${JWT} ${AWS_SECRET} a@b.io ?token=x`);
    expect(redact(once)).toBe(once);
  });
});

/** Secret shapes with a distinctive core that must never appear in any rendered output. */
const alnum = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/);
const upper16 = fc.stringMatching(/^[A-Z0-9]{16}$/);
const tokenShapes: fc.Arbitrary<{ text: string; core: string }> = fc.oneof(
  alnum.map((core) => ({ text: `Authorization: Bearer ${core}`, core })),
  alnum.map((core) => ({ text: `{Cookie=session=${core}, Host=x}`, core })),
  alnum.map((core) => ({ text: `x-api-key: ${core}`, core })),
  fc.tuple(alnum, alnum).map(([a, b]) => ({ text: `eyJ${a}.eyJ${b}.${a}`, core: `eyJ${a}.eyJ${b}` })),
  upper16.map((core) => ({ text: `AKIA${core}`, core: `AKIA${core}` })),
  alnum.map((core) => ({ text: `https://api.example.com/x?password=${core}&y=1`, core })),
  alnum.map((core) => ({ text: `aws_secret_access_key=${core}`, core })),
  alnum.map((core) => ({ text: `xoxb-${core}`, core })),
  fc
    .tuple(fc.stringMatching(/^[a-z]{4,12}$/), fc.stringMatching(/^[a-z]{4,10}$/))
    .map(([u, d]) => ({ text: `${u}.ops@${d}.com`, core: `${u}.ops@${d}.com` })),
);
const filler = fc.string({ maxLength: 40 }).map((s) => s.replace(/[A-Za-z0-9]/g, ' '));

describe('redaction at the summary boundary (property)', () => {
  it('no generated token survives building and rendering in any format', () => {
    fc.assert(
      fc.property(tokenShapes, filler, filler, ({ text, core }, before, after) => {
        // Arrange: the token in a log line, an evidence text, a command and the alarm name.
        const line = `${before} ${text} ${after}`;
        const summary = buildSummary({
          incident: incident({ alarmName: `alarm ${text}` }),
          kind: 'open',
          incidentId: 'inc-1',
          diagnosis: {
            incident: incident(),
            findings: [
              {
                type: 'log-template',
                probe: 'execution-logs',
                summary: line,
                source: 'execution-log',
                template: line,
                count: 3,
                example: line,
                requestIds: [],
              },
            ],
            probes: [],
            startedAt: '2024-05-01T12:06:00.000Z',
            durationMs: 1000,
            cutShort: false,
          },
          classification: {
            class: 'UNKNOWN',
            confidence: 0.1,
            hypotheses: [],
            evidence: [{ rule: 'x', source: 'client', text: line }],
          },
          remediation: {
            class: 'UNKNOWN',
            steps: [{ title: 'run', command: `curl -H "${text}" https://x` }],
            links: [],
          },
        });
        // Act
        const outputs = [
          JSON.stringify(renderSlack(summary)),
          JSON.stringify(renderJira(summary)),
          renderMarkdown(summary),
          JSON.stringify(summary),
        ];
        // Assert
        for (const out of outputs) expect(out).not.toContain(core);
      }),
      { numRuns: 200 },
    );
  });
});
