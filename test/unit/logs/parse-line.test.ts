import fc from 'fast-check';
import { fieldsFromDelimited, fieldsFromJson } from '../../../functions/logs/access-log';
import { groupLogLines } from '../../../functions/logs/group';
import { parseLogLine } from '../../../functions/logs/parse-line';
import { stripPrefixes } from '../../../functions/logs/prefix';
import { requestIdOf, templateOf } from '../../../functions/logs/template';

const RID = 'fbcaf9e5-d535-40a1-891c-7b70118cf7e8';

describe('templateOf and requestIdOf', () => {
  it.each([
    [`(${RID}) Method completed with status: 504`, 'Method completed with status: 504'],
    [
      'Sat Sep 19 07:14:11 UTC 2020 : Received response. Status: 200, Integration latency: 2266 ms',
      'Received response. Status: 200, Integration latency: <n> ms',
    ],
    [`2024-03-02T10:00:01.123Z (${RID}) Endpoint request timed out`, 'Endpoint request timed out'],
    ['Task timed out after 6.01 seconds', 'Task timed out after <n> seconds'],
    ['< HTTP/2 503', '< HTTP/<n> 503'],
  ])('%s → %s', (line, template) => {
    expect(templateOf(line)).toBe(template);
  });

  it('keeps status codes apart so 429 and 504 lines do not group together', () => {
    expect(templateOf('Method completed with status: 429')).not.toBe(templateOf('Method completed with status: 504'));
  });

  it.each([
    [`(${RID}) Execution failed`, RID],
    [`REPORT RequestId: ${RID}\tDuration: 1 ms`, RID],
    ['< apigw-requestid: RL2XYiwjPHcEMEQ=', 'RL2XYiwjPHcEMEQ='],
    ['no id here', undefined],
  ])('requestIdOf(%s)', (line, id) => {
    expect(requestIdOf(line)).toBe(id);
  });
});

describe('stripPrefixes', () => {
  it('removes the Lambda runtime prefix and keeps the level', () => {
    expect(stripPrefixes(`2020-01-15T14:05:49.904Z\tundefined\tERROR\tUncaught Exception`)).toEqual({
      message: 'Uncaught Exception',
      consoleTimestamp: false,
      lambdaRuntimePrefix: true,
      level: 'ERROR',
    });
  });

  it('removes stacked viewer prefixes, the console timestamp and the request id', () => {
    expect(
      stripPrefixes(
        `2024-05-04T17:48:21.123Z Thu May 04 17:48:21 UTC 2024 : (${RID}) Method completed with status: 500`,
      ),
    ).toEqual({
      message: 'Method completed with status: 500',
      consoleTimestamp: true,
      lambdaRuntimePrefix: false,
      requestIdPrefix: `(${RID})`,
    });
  });

  it("removes the CloudWatch console's table cells (expander, timestamp) in front of the message", () => {
    const line =
      '  | 2020-06-09T12:34:27.050+05:30 | com.amazonaws.serverless.exceptions.InvalidRequestEventException: Invalid Request: null';
    expect(stripPrefixes(line).message).toBe(
      'com.amazonaws.serverless.exceptions.InvalidRequestEventException: Invalid Request: null',
    );
    expect(stripPrefixes('2020-06-09T12:34:27.046+05:30 | START RequestId: d73e1527 Version: $LATEST').message).toBe(
      'START RequestId: d73e1527 Version: $LATEST',
    );
  });

  it("removes an epoch-millisecond timestamp and a viewer's time of day in front of the message", () => {
    expect(stripPrefixes('1716320924709\tTraceback (most recent call last):').message).toBe(
      'Traceback (most recent call last):',
    );
    expect(stripPrefixes('18:25:50.123 at handler (/var/task/index.js:3:9)').message).toBe(
      'at handler (/var/task/index.js:3:9)',
    );
    // A number that is part of the message, or a time with nothing before a non-space, stays.
    expect(stripPrefixes('504 Gateway Timeout').message).toBe('504 Gateway Timeout');
    expect(stripPrefixes('12345 rows updated').message).toBe('12345 rows updated');
  });

  it('leaves a pipe that is part of the message alone', () => {
    expect(stripPrefixes('GET /a | 500').message).toBe('GET /a | 500');
  });
});

describe('parseLogLine: guessed source, status and access-log fields', () => {
  it.each([
    [`(${RID}) Execution failed due to a timeout error`, 'execution-log', undefined],
    ['Thu Dec 15 16:05:05 UTC 2022 : Sending request to https://x/', 'execution-log', undefined],
    ['Method completed with status: 502', 'execution-log', 502],
    ['"errorType": "Runtime.ImportModuleError",', 'lambda-log', undefined],
    [`[DEBUG]\t2024-11-13T06:17:07.299Z\t${RID}\tazul.chalice\tReturning 503 response`, 'lambda-log', undefined],
    ['< HTTP/2 503', 'client', 503],
    ['{"message": "Endpoint request timed out"}', 'client', undefined],
    ['{"requestId":"x","status":"504","integrationErrorMessage":"timeout"}', 'access-log', 504],
    [`${RID}\tGET\t/reports\t504\t29003\tINTEGRATION_TIMEOUT`, 'access-log', 504],
    ['10.0.0.1 - - [19/Sep/2020:07:14:11 +0000] "GET /items HTTP/1.1" 502 36', 'access-log', 502],
    ['something else entirely', 'unknown', undefined],
  ])('%s → %s', (line, source, status) => {
    const parsed = parseLogLine(line);

    expect([parsed.source, parsed.status]).toEqual([source, status]);
  });

  it('reads JSON access logs with nested and $context-style keys', () => {
    expect(
      fieldsFromJson(
        '{"requestId":"r","status":503,"integration":{"status":"-","latency":"30001"},"error":{"responseType":"INTEGRATION_FAILURE","message":"Service Unavailable"},"$context.integrationErrorMessage":"Connection refused","routeKey":"GET /x"}',
      ),
    ).toEqual({
      status: '503',
      responseType: 'INTEGRATION_FAILURE',
      errorMessage: 'Service Unavailable',
      integrationError: 'Connection refused',
      integrationLatency: '30001',
      route: 'GET /x',
    });
  });

  it('reads a JSON fragment a viewer cut short', () => {
    expect(fieldsFromJson('"status":"502", "integrationStatus":"502", "integrationErrorMessage":"-"')).toEqual({
      status: '502',
      integrationStatus: '502',
    });
  });

  it('does not take a Lambda runtime line for a tab-separated access log', () => {
    expect(fieldsFromDelimited('START RequestId: x Version: $LATEST')).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (line) => {
        const parsed = parseLogLine(line);
        expect(typeof parsed.message).toBe('string');
        expect(typeof templateOf(line)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('groupLogLines', () => {
  it('groups by source and template with counts, request ids and a redacted example', () => {
    const findings = groupLogLines([
      `(${RID}) Execution failed due to a timeout error`,
      '(0a1b2c3d-1111-4222-8333-944445555666) Execution failed due to a timeout error',
      '',
      'Authorization: Bearer abc.def.ghi Endpoint request timed out',
    ]);

    expect(findings).toEqual([
      {
        type: 'log-template',
        probe: 'execution-logs',
        summary: '2 execution log lines: Execution failed due to a timeout error',
        source: 'execution-log',
        template: 'Execution failed due to a timeout error',
        count: 2,
        example: `(${RID}) Execution failed due to a timeout error`,
        requestIds: [RID, '0a1b2c3d-1111-4222-8333-944445555666'],
      },
      expect.objectContaining({
        source: 'execution-log',
        count: 1,
        example: expect.not.stringContaining('abc.def.ghi'),
      }),
    ]);
  });
});
