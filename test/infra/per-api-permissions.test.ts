/**
 * Least privilege per API, never a silent wildcard: each API's probes read exactly the backends
 * and access-log groups it lists; an API that lists none gets a synth warning naming the broad
 * grant it would need, and that grant only with its explicit `discovery: 'account-wide'`.
 */
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { AppConfig } from '../../lib';
import { buildApp } from '../../lib';
import { asList, flat, NO_BUNDLING, policyStatements } from './support';

const ORDERS = { kind: 'REST', name: 'orders-api', id: 'a1b2c3d4e5', stages: ['prod'] } as const;
const CATALOG = { kind: 'HTTP', id: 'f6g7h8i9j0', name: 'catalog', stages: ['$default'] } as const;

function synth(config: Omit<AppConfig, 'stackName'>) {
  const { stack } = buildApp({ stackName: 'PerApiTest', ...config }, NO_BUNDLING);
  const template = Template.fromStack(stack);
  const resourcesFor = (action: string): string[] =>
    policyStatements(template)
      .filter((s) => asList(s.Action).includes(action))
      .flatMap((s) => asList(s.Resource).map(flat))
      .sort();
  /** The watched list the Lambda reads at run time (its read scope per API). */
  const runtimeWatched = (): unknown => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
    }[];
    const config = functions.map((f) => f.Properties.Environment?.Variables?.RESPONDER_CONFIG).find(Boolean);
    return (JSON.parse(flat(config)) as { watched: unknown }).watched;
  };
  return {
    stack,
    template,
    resourcesFor,
    runtimeWatched,
    warnings: () => Annotations.fromStack(stack).findWarning('*', Match.anyValue()),
  };
}

const fn = (name: string) => `arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${name}`;
const group = (name: string) => `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${name}`;

describe('two APIs, each listing its backends and access logs', () => {
  const { resourcesFor, warnings, runtimeWatched } = synth({
    apis: [
      { ...ORDERS, backendFunctions: ['orders-handler'], accessLogGroups: ['/aws/apigateway/orders-api/prod'] },
      { ...CATALOG, backendFunctions: ['catalog-search'], accessLogGroups: ['/aws/apigateway/catalog/access'] },
    ],
  });

  it('grants each API exactly its own functions and log groups, and nothing else', () => {
    expect(resourcesFor('lambda:GetFunctionConfiguration')).toEqual(
      [fn('orders-handler'), `${fn('orders-handler')}:*`, fn('catalog-search'), `${fn('catalog-search')}:*`].sort(),
    );
    const filtered = resourcesFor('logs:FilterLogEvents');
    expect(filtered).toEqual(
      [
        group('/aws/apigateway/orders-api/prod'),
        group('/aws/apigateway/orders-api/prod:*'),
        group('/aws/apigateway/catalog/access'),
        group('/aws/apigateway/catalog/access:*'),
        group('/aws/lambda/orders-handler'),
        group('/aws/lambda/orders-handler:*'),
        group('/aws/lambda/catalog-search'),
        group('/aws/lambda/catalog-search:*'),
        group('API-Gateway-Execution-Logs_a1b2c3d4e5/prod'),
        group('API-Gateway-Execution-Logs_a1b2c3d4e5/prod:*'),
      ].sort(),
    );
    expect(warnings()).toEqual([]);
  });

  it("hands the Lambda each API's own lists, so at run time one API cannot read the other's", () => {
    expect(runtimeWatched()).toEqual([
      {
        ...ORDERS,
        backendFunctions: ['orders-handler'],
        accessLogGroups: ['/aws/apigateway/orders-api/prod'],
      },
      { ...CATALOG, backendFunctions: ['catalog-search'], accessLogGroups: ['/aws/apigateway/catalog/access'] },
    ]);
  });
});

describe('an API that lists nothing, without the opt-in', () => {
  const { resourcesFor, warnings } = synth({
    apis: [
      { ...ORDERS, backendFunctions: ['orders-handler'], accessLogGroups: ['/aws/apigateway/orders-api/prod'] },
      CATALOG,
    ],
  });

  it('gives the listing API its own, the other nothing, and no "*" log or Lambda grant', () => {
    expect(resourcesFor('lambda:GetFunctionConfiguration')).toEqual([
      fn('orders-handler'),
      `${fn('orders-handler')}:*`,
    ]);
    for (const action of ['lambda:GetFunctionConfiguration', 'lambda:GetPolicy', 'logs:FilterLogEvents']) {
      for (const resource of resourcesFor(action))
        expect(resource).not.toMatch(/(function|log-group):(\/aws\/lambda\/)?\*/);
    }
  });

  it('warns at synth, naming the API and the broad grant it would need', () => {
    const messages = warnings().map((w) => w.entry.data as string);
    expect(messages).toEqual([
      expect.stringMatching(
        /^HTTP API catalog: backendFunctions not listed.*lambda:GetFunctionConfiguration.*on every function.*in every watched region.*discovery: 'account-wide'/,
      ),
      expect.stringMatching(
        /^HTTP API catalog: accessLogGroups not listed.*logs:FilterLogEvents on every log group, in every watched region/,
      ),
    ]);
  });
});

describe("the explicit opt-in discovery: 'account-wide'", () => {
  const { resourcesFor, warnings, runtimeWatched } = synth({ apis: [{ ...CATALOG, discovery: 'account-wide' }] });

  it("tells the Lambda not to filter that API's reads", () => {
    expect(runtimeWatched()).toEqual([{ ...CATALOG, discovery: 'account-wide' }]);
  });

  it('grants the broad read for that API, and still says so at synth', () => {
    expect(resourcesFor('lambda:GetFunctionConfiguration')).toEqual([fn('*')]);
    expect(resourcesFor('logs:FilterLogEvents')).toEqual(
      [group('*'), group('*:*'), group('/aws/lambda/*'), group('/aws/lambda/*:*')].sort(),
    );
    expect(warnings().map((w) => w.entry.data as string)).toEqual([
      expect.stringContaining("discovery 'account-wide' grants lambda:GetFunctionConfiguration"),
      expect.stringContaining("discovery 'account-wide' grants logs:FilterLogEvents on every log group"),
    ]);
  });
});

it('rejects an unknown discovery mode', () => {
  expect(() => synth({ apis: [{ ...CATALOG, discovery: 'everything' as 'listed' }] })).toThrow(
    /apis\[0\]\.discovery: "everything" is not valid/,
  );
});

it("refuses at synth a configuration whose per-API lists would not fit Lambda's 4 KB environment", () => {
  const many = Array.from({ length: 100 }, (_, i) => `orders-handler-with-a-long-name-${i}`);
  expect(() => synth({ apis: [{ ...ORDERS, backendFunctions: many }] })).toThrow(
    /runtime configuration of 1 APIs \(their stages, backendFunctions and accessLogGroups.*exceeds Lambda's 4 KB/,
  );
});
