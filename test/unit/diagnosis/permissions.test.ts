import { PROBE_PERMISSIONS } from '../../../functions/diagnosis/permissions';
import type { PermissionScope } from '../../../functions/diagnosis/permissions';
import { PROBES } from '../../../functions/diagnosis/registry';
import { PROBE_NAMES } from '../../../functions/types';

const scope: PermissionScope = {
  partition: 'aws',
  region: 'eu-west-1',
  account: '111122223333',
  apis: [
    {
      kind: 'REST',
      name: 'orders',
      stages: ['prod'],
      backendFunctions: ['orders-handler'],
      accessLogGroups: [],
      discovery: 'listed',
    },
    {
      kind: 'REST',
      id: 'a1b2c3',
      stages: ['prod', 'beta'],
      backendFunctions: [],
      accessLogGroups: ['/aws/apigw/access'],
      discovery: 'listed',
    },
    { kind: 'HTTP', id: 'h77', stages: ['$default'], backendFunctions: [], accessLogGroups: [], discovery: 'listed' },
  ],
};

/** "Service.Operation" -> IAM action. */
const IAM_PREFIX: Record<string, string> = {
  CloudWatch: 'cloudwatch',
  CloudWatchLogs: 'logs',
  Lambda: 'lambda',
  ElasticLoadBalancingV2: 'elasticloadbalancing',
  CloudTrail: 'cloudtrail',
  XRay: 'xray',
};
function iamActionOf(operation: string): string {
  const [service, op] = operation.split('.') as [string, string];
  if (service === 'APIGateway' || service === 'ApiGatewayV2') return 'apigateway:GET';
  return `${IAM_PREFIX[service] ?? '?'}:${op}`;
}

describe('PROBE_PERMISSIONS', () => {
  it('declares every registered probe exactly once', () => {
    expect(PROBE_PERMISSIONS.map((p) => p.probe).sort()).toEqual([...PROBE_NAMES].sort());
    expect(PROBES.map((p) => p.name).sort()).toEqual([...PROBE_NAMES].sort());
  });

  it.each(PROBE_PERMISSIONS.map((p) => [p.probe, p] as const))(
    '%s: exact actions, reasons for every wildcard resource',
    (_name, p) => {
      for (const statement of p.statements) {
        for (const action of statement.actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
        const resources = statement.resources(scope);
        expect(resources.length).toBeGreaterThan(0);
        if (resources.some((r) => r.includes('*'))) expect(statement.wildcardReason).toEqual(expect.any(String));
      }
    },
  );

  it.each(PROBE_PERMISSIONS.map((p) => [p.probe, p] as const))(
    '%s: every declared operation is granted by its statements',
    (_name, p) => {
      const actions = new Set(p.statements.flatMap((s) => s.actions));
      for (const operation of p.operations)
        expect([operation, actions.has(iamActionOf(operation))]).toEqual([operation, true]);
    },
  );

  it("grants each API exactly what it lists; an unlisted API's backends and access logs only on account-wide opt-in", () => {
    const resourcesOf = (probe: string, index: number, apis: PermissionScope['apis']) =>
      PROBE_PERMISSIONS.find((p) => p.probe === probe)?.statements[index]?.resources({ ...scope, apis });
    const listed = scope.apis[0]!;
    const unlisted = scope.apis[2]!;
    // Only the first lists its backends: the second gets nothing, not a wildcard.
    expect(resourcesOf('lambda-backend', 0, [listed, unlisted])).toEqual([
      'arn:aws:lambda:eu-west-1:111122223333:function:orders-handler',
      'arn:aws:lambda:eu-west-1:111122223333:function:orders-handler:*',
    ]);
    expect(resourcesOf('access-logs', 0, [unlisted])).toEqual([]);
    expect(resourcesOf('lambda-backend', 2, [unlisted])).toEqual([]);
    // The explicit opt-in: the broad grant, for that API.
    const optedIn = { ...unlisted, discovery: 'account-wide' as const };
    expect(resourcesOf('lambda-backend', 0, [listed, optedIn])).toEqual([
      'arn:aws:lambda:eu-west-1:111122223333:function:orders-handler',
      'arn:aws:lambda:eu-west-1:111122223333:function:orders-handler:*',
      'arn:aws:lambda:eu-west-1:111122223333:function:*',
    ]);
    expect(resourcesOf('access-logs', 0, [optedIn])).toEqual([
      'arn:aws:logs:eu-west-1:111122223333:log-group:*',
      'arn:aws:logs:eu-west-1:111122223333:log-group:*:*',
    ]);
  });

  it('scopes log groups and functions to the watched APIs', () => {
    const exec = PROBE_PERMISSIONS.find((p) => p.probe === 'execution-logs')?.statements[0]?.resources(scope);
    expect(exec).toEqual([
      'arn:aws:logs:eu-west-1:111122223333:log-group:API-Gateway-Execution-Logs_*/prod',
      'arn:aws:logs:eu-west-1:111122223333:log-group:API-Gateway-Execution-Logs_*/prod:*',
      'arn:aws:logs:eu-west-1:111122223333:log-group:API-Gateway-Execution-Logs_a1b2c3/prod',
      'arn:aws:logs:eu-west-1:111122223333:log-group:API-Gateway-Execution-Logs_a1b2c3/prod:*',
      'arn:aws:logs:eu-west-1:111122223333:log-group:API-Gateway-Execution-Logs_a1b2c3/beta',
      'arn:aws:logs:eu-west-1:111122223333:log-group:API-Gateway-Execution-Logs_a1b2c3/beta:*',
    ]);
    const lambda = PROBE_PERMISSIONS.find((p) => p.probe === 'lambda-backend')?.statements[0]?.resources(scope);
    expect(lambda).toEqual([
      'arn:aws:lambda:eu-west-1:111122223333:function:orders-handler',
      'arn:aws:lambda:eu-west-1:111122223333:function:orders-handler:*',
    ]);
    const api = PROBE_PERMISSIONS.find((p) => p.probe === 'api-config')?.statements[0]?.resources(scope);
    expect(api).toEqual([
      'arn:aws:apigateway:eu-west-1::/restapis',
      'arn:aws:apigateway:eu-west-1::/restapis/*',
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3',
      'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/*',
      'arn:aws:apigateway:eu-west-1::/apis/h77',
      'arn:aws:apigateway:eu-west-1::/apis/h77/*',
      'arn:aws:apigateway:eu-west-1::/vpclinks/*',
    ]);
  });
});
