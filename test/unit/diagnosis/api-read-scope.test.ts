/**
 * The run-time half of least privilege per API: the scope rule, and discovery holding the probes
 * to it (no AWS call for a refused function, a "not checked" finding instead of a silent skip).
 */
import {
  mayReadAccessLogGroup,
  mayReadFunction,
  notListedFinding,
  readScopeOf,
  watchedApiOf,
} from '../../../functions/diagnosis/api-read-scope';
import type { ApiReadScope } from '../../../functions/diagnosis/api-read-scope';
import { createAwsClients } from '../../../functions/diagnosis/clients';
import { runDiagnosis } from '../../../functions/diagnosis/engine';
import type { RegisteredProbe } from '../../../functions/diagnosis/registry';
import type { WatchedApiRuntime } from '../../../functions/runtime-config';
import type { Incident } from '../../../functions/types';

const WATCHED: readonly WatchedApiRuntime[] = [
  {
    kind: 'REST',
    id: 'a1b2c3d4e5',
    name: 'orders-api',
    stages: ['prod'],
    backendFunctions: ['orders-handler', 'arn:aws:lambda:us-east-1:123456789012:function:orders-authorizer'],
    accessLogGroups: ['/aws/apigateway/orders/access'],
  },
  {
    kind: 'HTTP',
    id: 'f6g7h8i9j0',
    name: 'catalog',
    stages: ['$default'],
    backendFunctions: ['catalog-search'],
  },
  { kind: 'HTTP', id: 'k1l2m3n4o5', stages: ['$default'], discovery: 'account-wide' },
];

const orders = readScopeOf(
  { kind: 'REST', name: 'orders-api' },
  watchedApiOf(WATCHED, { kind: 'REST', name: 'orders-api' }),
);

describe('watchedApiOf', () => {
  it('finds REST APIs by name (the alarm knows only ApiName) and HTTP APIs by id', () => {
    expect(watchedApiOf(WATCHED, { kind: 'REST', name: 'orders-api' })?.id).toBe('a1b2c3d4e5');
    expect(watchedApiOf(WATCHED, { kind: 'REST', id: 'a1b2c3d4e5' })).toBeUndefined();
    expect(watchedApiOf(WATCHED, { kind: 'HTTP', id: 'f6g7h8i9j0' })?.name).toBe('catalog');
    expect(watchedApiOf(WATCHED, { kind: 'HTTP', id: 'zzzzzzzzzz', name: 'catalog' })).toBeUndefined();
    expect(watchedApiOf(WATCHED, { kind: 'HTTP', name: 'orders-api' })).toBeUndefined();
  });
});

describe('the read scope of an API', () => {
  it("lets a 'listed' API read exactly its own functions (bare, qualified or listed as an ARN)", () => {
    expect(orders).toEqual({
      api: 'REST API orders-api',
      discoverCommand: 'npx apigw-responder discover --api orders-api',
      discovery: 'listed',
      backendFunctions: ['orders-handler', 'arn:aws:lambda:us-east-1:123456789012:function:orders-authorizer'],
      accessLogGroups: ['/aws/apigateway/orders/access'],
    });
    expect(mayReadFunction(orders, 'orders-handler')).toBe(true);
    expect(mayReadFunction(orders, 'orders-handler:live')).toBe(true);
    expect(mayReadFunction(orders, 'orders-authorizer')).toBe(true);
    // Another API's listed function: IAM allows it (one role), the scope does not.
    expect(mayReadFunction(orders, 'catalog-search')).toBe(false);
    expect(mayReadFunction(orders, 'orders-handler-v2')).toBe(false);
    expect(mayReadFunction(orders, 'arn:aws:lambda:us-east-1:123456789012:function:catalog-search')).toBe(false);
  });

  it("lets a 'listed' API read only its own access-log groups", () => {
    expect(mayReadAccessLogGroup(orders, '/aws/apigateway/orders/access')).toBe(true);
    expect(mayReadAccessLogGroup(orders, '/aws/apigateway/catalog/access')).toBe(false);
    const catalog = readScopeOf(
      { kind: 'HTTP', id: 'f6g7h8i9j0' },
      watchedApiOf(WATCHED, { kind: 'HTTP', id: 'f6g7h8i9j0' }),
    );
    expect(catalog.discoverCommand).toBe('npx apigw-responder discover --api f6g7h8i9j0 --kind http');
    expect(mayReadAccessLogGroup(catalog, '/aws/apigateway/orders/access')).toBe(false);
    expect(mayReadFunction(catalog, 'orders-handler')).toBe(false);
  });

  it("filters nothing with discovery 'account-wide', or without a scope (the CLI's own credentials)", () => {
    const wide = readScopeOf(
      { kind: 'HTTP', id: 'k1l2m3n4o5' },
      watchedApiOf(WATCHED, { kind: 'HTTP', id: 'k1l2m3n4o5' }),
    );
    expect(wide.discovery).toBe('account-wide');
    expect(mayReadFunction(wide, 'orders-handler')).toBe(true);
    expect(mayReadAccessLogGroup(wide, '/any/group')).toBe(true);
    expect(mayReadFunction(undefined, 'orders-handler')).toBe(true);
    expect(mayReadAccessLogGroup(undefined, '/any/group')).toBe(true);
  });

  it('gives an API missing from the watched list an empty scope: it reads nothing', () => {
    const unknown = readScopeOf({ kind: 'REST', name: 'shadow-api' }, undefined);
    expect(unknown.discovery).toBe('listed');
    expect(mayReadFunction(unknown, 'orders-handler')).toBe(false);
    expect(mayReadAccessLogGroup(unknown, '/aws/apigateway/orders/access')).toBe(false);
  });

  it('says what was not checked, why and how to list it', () => {
    expect(notListedFinding(orders, { kind: 'function', name: 'catalog-search' })).toEqual({
      type: 'could-not-check',
      probe: 'lambda-backend',
      what: 'function catalog-search',
      why: 'catalog-search is not listed for REST API orders-api',
      fix: 'add it to backendFunctions or run `npx apigw-responder discover --api orders-api`',
      summary:
        'not checked: catalog-search is not listed for REST API orders-api (add it to backendFunctions or run `npx apigw-responder discover --api orders-api`)',
    });
    expect(notListedFinding(orders, { kind: 'access log group', name: '/x' }).summary).toBe(
      'not checked: /x is not listed for REST API orders-api (add it to accessLogGroups or run `npx apigw-responder discover --api orders-api`)',
    );
  });
});

describe('discovery under a read scope', () => {
  const incident: Incident = {
    alarmName: 'apigw-responder|orders-api|prod|5xx',
    alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:apigw-responder|orders-api|prod|5xx',
    state: 'ALARM',
    stateChangeTime: '2024-05-01T10:30:00Z',
    region: 'us-east-1',
    accountId: '123456789012',
    api: { kind: 'REST', name: 'orders-api', stage: 'prod' },
    metric: {},
    window: { start: '2024-05-01T10:15:00Z', end: '2024-05-01T10:30:00Z' },
    source: 'sns',
  };

  /** One probe that asks discovery for two functions and two access-log groups, recording the calls made. */
  async function diagnose(readScope: ApiReadScope | undefined) {
    const operations: string[] = [];
    // A closed local port: any call that is made fails fast, and is recorded first.
    const clients = createAwsClients({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
      onCall: (operation) => operations.push(operation),
    });
    const outcomes: Record<string, string> = {};
    const registry: RegisteredProbe[] = [
      {
        name: 'lambda-backend',
        label: 'backend functions',
        kinds: ['REST', 'HTTP'],
        run: async (ctx) => {
          for (const name of ['orders-handler', 'catalog-search']) {
            outcomes[`config ${name}`] = await ctx.discovery.functionConfiguration(name).then(
              () => 'read',
              (error: Error) => error.name,
            );
            outcomes[`concurrency ${name}`] = await ctx.discovery.reservedConcurrency(name).then(
              () => 'read',
              (error: Error) => error.name,
            );
          }
          for (const group of ['/aws/apigateway/orders/access', '/aws/apigateway/catalog/access']) {
            outcomes[`group ${group}`] = String(ctx.discovery.mayReadAccessLogGroup(group));
          }
          return [];
        },
      },
    ];
    const diagnosis = await runDiagnosis(incident, {
      deadline: Date.now() + 5000,
      clients,
      registry,
      ...(readScope === undefined ? {} : { readScope }),
    });
    return { operations, outcomes, diagnosis };
  }

  it("refuses another API's function before any AWS call and reports each refusal once", async () => {
    const { operations, outcomes, diagnosis } = await diagnose(orders);
    expect(outcomes).toEqual({
      'config orders-handler': expect.not.stringMatching(/^NotListedError$/),
      'concurrency orders-handler': expect.not.stringMatching(/^NotListedError$/),
      'config catalog-search': 'NotListedError',
      'concurrency catalog-search': 'NotListedError',
      'group /aws/apigateway/orders/access': 'true',
      'group /aws/apigateway/catalog/access': 'false',
    });
    // Only the listed function was asked for (and failed on the closed port).
    expect(operations).toEqual(['Lambda.GetFunctionConfiguration', 'Lambda.GetFunctionConcurrency']);
    expect(diagnosis.findings.map((f) => f.summary)).toEqual([
      'not checked: catalog-search is not listed for REST API orders-api (add it to backendFunctions or run `npx apigw-responder discover --api orders-api`)',
      'not checked: /aws/apigateway/catalog/access is not listed for REST API orders-api (add it to accessLogGroups or run `npx apigw-responder discover --api orders-api`)',
    ]);
  });

  it('filters nothing without a scope', async () => {
    const { operations, outcomes, diagnosis } = await diagnose(undefined);
    expect(Object.values(outcomes)).not.toContain('NotListedError');
    expect(Object.values(outcomes).filter((v) => v === 'false')).toEqual([]);
    expect(operations.filter((o) => o === 'Lambda.GetFunctionConfiguration')).toHaveLength(2);
    expect(diagnosis.findings).toEqual([]);
  });
});
