import { incidentWindow, parseDuration } from '../../../functions/diagnosis/incident';
import { canonical, redactBody } from '../../../functions/diagnosis/recording';
import { fieldKeysOf, parseAccessLine } from '../../../functions/diagnosis/probes/access-logs';
import { failureLines } from '../../../functions/diagnosis/probes/execution-logs';
import { lambdaLogStats, policyAllowsApiGateway } from '../../../functions/diagnosis/probes/lambda-backend';
import { lambdaFunctionOf } from '../../../functions/diagnosis/discovery';
import { alignSeries, minutesOf } from '../../../functions/diagnosis/probes/metrics';

describe('incidentWindow', () => {
  it('covers two periods more than the alarm evaluated, at least 15 minutes, in whole minutes', () => {
    expect(incidentWindow('2024-05-01T10:30:20Z', { periodSeconds: 60, evaluationPeriods: 3 })).toEqual({
      start: '2024-05-01T10:15:00.000Z',
      end: '2024-05-01T10:31:00.000Z',
    });
    expect(incidentWindow('2024-05-01T10:30:00Z', { periodSeconds: 300, evaluationPeriods: 5 })).toEqual({
      start: '2024-05-01T09:55:00.000Z',
      end: '2024-05-01T10:30:00.000Z',
    });
    expect(incidentWindow('2024-05-01T10:30:00Z', { periodSeconds: 3600, evaluationPeriods: 24 }).start).toBe(
      '2024-05-01T07:30:00.000Z',
    );
  });

  it('rejects an invalid time', () => {
    expect(() => incidentWindow('yesterday')).toThrow('invalid state change time "yesterday"');
  });
});

describe('parseDuration', () => {
  it.each([
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['90s', 90_000],
    ['1d', 86_400_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it('rejects garbage', () => expect(() => parseDuration('soon')).toThrow('invalid duration "soon"'));
});

describe('failureLines (execution logs)', () => {
  it('keeps error lines and the backend answer of failing requests only, whatever the server filter returned', () => {
    const ok = '11111111-1111-1111-1111-111111111111';
    const bad = '22222222-2222-2222-2222-222222222222';
    const lines = failureLines([
      { message: `(${ok}) Endpoint response body before transformations: {"statusCode":200}` },
      { message: `(${ok}) Method completed with status: 200` },
      { message: `(${bad}) Endpoint response body before transformations: {"ok":true}` },
      { message: `(${bad}) Execution failed due to configuration error: Malformed Lambda proxy response` },
      { message: `(${bad}) Method completed with status: 502` },
      { message: `(${ok}) Starting execution for request: ${ok}` },
    ]);
    expect(lines).toEqual([
      { message: `(${bad}) Endpoint response body before transformations: {"ok":true}`, requestId: bad },
      {
        message: `(${bad}) Execution failed due to configuration error: Malformed Lambda proxy response`,
        requestId: bad,
      },
      { message: `(${bad}) Method completed with status: 502`, requestId: bad },
    ]);
  });
});

describe('lambdaLogStats', () => {
  it('counts timeouts once per request, init errors, memory at the limit and error types', () => {
    const id = 'aaaaaaaa-1111-2222-3333-444444444444';
    expect(
      lambdaLogStats([
        `START RequestId: ${id} Version: $LATEST`,
        `2024-05-01T10:00:00.000Z ${id} Task timed out after 3.00 seconds`,
        `REPORT RequestId: ${id}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: timeout`,
        `INIT_REPORT Init Duration: 212.33 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError`,
        `2024-05-01T10:00:01.000Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Cannot find module"}`,
        `[ERROR] KeyError: 'id'`,
        `END RequestId: ${id}`,
      ]),
    ).toEqual({
      timedOutCount: 1,
      outOfMemoryCount: 1,
      initErrorCount: 1,
      errorTypes: ['Runtime.ImportModuleError', 'KeyError'],
      evidence: [
        `2024-05-01T10:00:00.000Z ${id} Task timed out after 3.00 seconds`,
        `REPORT RequestId: ${id}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: timeout`,
        `INIT_REPORT Init Duration: 212.33 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError`,
        `2024-05-01T10:00:01.000Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Cannot find module"}`,
        `[ERROR] KeyError: 'id'`,
      ],
    });
  });
});

describe('policyAllowsApiGateway', () => {
  const policy = (sourceArn?: string) =>
    JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          ...(sourceArn === undefined ? {} : { Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } } }),
        },
      ],
    });
  it.each([
    [undefined, false],
    [policy(), true],
    [policy('arn:aws:execute-api:us-east-1:123:abc123/*/GET/orders'), true],
    [policy('arn:aws:execute-api:us-east-1:123:other/*'), false],
  ])('%s -> %s', (p, expected) => expect(policyAllowsApiGateway(p, 'abc123')).toBe(expected));
});

describe('access log lines', () => {
  it('reads the fields the format names, JSON or Common Log Format', () => {
    const keys = fieldKeysOf(
      '{"rid":"$context.requestId","st":"$context.status","rt":"$context.error.responseType","route":"$context.routeKey"}',
    );
    expect(parseAccessLine('{"rid":"r-1","st":"504","rt":"INTEGRATION_TIMEOUT","route":"GET /x"}', keys)).toEqual({
      status: 504,
      route: 'GET /x',
      fields: { status: '504', responseType: 'INTEGRATION_TIMEOUT', routeKey: 'GET /x', requestId: 'r-1' },
      line: '{"rid":"r-1","st":"504","rt":"INTEGRATION_TIMEOUT","route":"GET /x"}',
    });
    expect(
      parseAccessLine('203.0.113.1 - - [01/May/2024:10:00:00 +0000] "GET /orders HTTP/1.1" 502 36 r-2', keys),
    ).toMatchObject({
      status: 502,
      route: 'GET /orders',
    });
  });
});

describe('small helpers', () => {
  it('finds the function of Lambda integration URIs', () => {
    expect(
      lambdaFunctionOf(
        'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:orders:live/invocations',
      ),
    ).toBe('orders');
    expect(lambdaFunctionOf('arn:aws:lambda:us-east-1:1:function:orders')).toBe('orders');
    expect(lambdaFunctionOf('https://example.com')).toBeUndefined();
  });

  it('aligns metric series on the minute axis', () => {
    const axis = minutesOf(Date.parse('2024-05-01T10:00:30Z'), Date.parse('2024-05-01T10:03:00Z'));
    expect(axis.map((t) => new Date(t).toISOString())).toEqual([
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T10:01:00.000Z',
      '2024-05-01T10:02:00.000Z',
    ]);
    expect(alignSeries({ Timestamps: [new Date('2024-05-01T10:02:00Z')], Values: [7] }, axis)).toEqual([null, null, 7]);
  });

  it('redacts recorded bodies structurally and drops Lambda environments', () => {
    const body = JSON.stringify({
      FunctionName: 'f',
      Environment: { Variables: { DB_PASSWORD: 'hunter2' } },
      note: 'mail bob@example.com',
    });
    expect(JSON.parse(redactBody(body, 'application/json'))).toEqual({
      FunctionName: 'f',
      Environment: { Variables: {} },
      note: 'mail [EMAIL]',
    });
    expect(canonical({ b: new Date('2024-05-01T00:00:00Z'), a: undefined, c: [1] })).toEqual({
      b: '2024-05-01T00:00:00.000Z',
      c: [1],
    });
  });
});
