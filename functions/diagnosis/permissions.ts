/**
 * IAM permissions each probe needs, declared next to the probes (no SDK imports here, so the CDK
 * app can read it cheaply). The responder construct grants exactly the union for the enabled
 * probes; a test fails when a probe calls an operation its declaration does not cover.
 */
import type { ApiKind, ProbeName } from '../types';

/** What the construct knows at synth time about one watched API. */
export interface WatchedApiScope {
  readonly kind: ApiKind;
  /** REST: known only when the config gives it; watched-by-name APIs resolve it at run time. */
  readonly id?: string;
  readonly name?: string;
  readonly stages: readonly string[];
  /** Backend Lambda function names, when the config lists them. */
  readonly backendFunctions: readonly string[];
  /** Access log group names, when the config lists them. */
  readonly accessLogGroups: readonly string[];
  /**
   * What the API's diagnosis may read that the config does not list: 'listed' (nothing more; the
   * probe reports "could not check"), or 'account-wide' (every function and log group in the
   * region: the explicit opt-in for discovering backends and access logs at run time).
   */
  readonly discovery: 'listed' | 'account-wide';
}

export interface PermissionScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly apis: readonly WatchedApiScope[];
}

export interface PermissionStatement {
  /** Exact IAM action names: never a wildcard. */
  readonly actions: readonly string[];
  readonly resources: (scope: PermissionScope) => readonly string[];
  /** Required when a resource contains '*': why nothing narrower is possible (shown to cdk-nag). */
  readonly wildcardReason?: string;
}

export interface ProbePermissions {
  readonly probe: ProbeName;
  readonly statements: readonly PermissionStatement[];
  /** AWS operations ("Service.Operation") the probe may call; checked against the calls it makes. */
  readonly operations: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The declarations. Operations are "Service.Operation" with the SDK client's service name.
// ---------------------------------------------------------------------------------------------

const restApis = (scope: PermissionScope): readonly WatchedApiScope[] => scope.apis.filter((a) => a.kind === 'REST');
const httpApis = (scope: PermissionScope): readonly WatchedApiScope[] => scope.apis.filter((a) => a.kind === 'HTTP');
const apigw = (scope: PermissionScope, path: string): string =>
  `arn:${scope.partition}:apigateway:${scope.region}::${path}`;
const logGroup = (scope: PermissionScope, name: string): readonly string[] => [
  `arn:${scope.partition}:logs:${scope.region}:${scope.account}:log-group:${name}`,
  `arn:${scope.partition}:logs:${scope.region}:${scope.account}:log-group:${name}:*`,
];
const unique = (items: readonly string[]): readonly string[] => [...new Set(items)];

/** The watched APIs and their sub-resources; watched-by-name REST APIs need the list to resolve their id. */
function apiResources(scope: PermissionScope): readonly string[] {
  const out: string[] = [];
  for (const api of restApis(scope)) {
    if (api.id === undefined) out.push(apigw(scope, '/restapis'), apigw(scope, '/restapis/*'));
    else out.push(apigw(scope, `/restapis/${api.id}`), apigw(scope, `/restapis/${api.id}/*`));
  }
  for (const api of httpApis(scope)) {
    if (api.id === undefined) out.push(apigw(scope, '/apis'), apigw(scope, '/apis/*'));
    else out.push(apigw(scope, `/apis/${api.id}`), apigw(scope, `/apis/${api.id}/*`));
  }
  // VPC link ids come from the integrations, known only at run time.
  out.push(apigw(scope, '/vpclinks/*'));
  return unique(out);
}

const API_READ: PermissionStatement = {
  actions: ['apigateway:GET'],
  resources: apiResources,
  wildcardReason:
    'Read-only GET on the watched APIs and their sub-resources (stages, resources, integrations, authorizers, deployments); VPC link ids and, for APIs watched by name, the REST API id are known only at run time.',
};

/** What the shared API model loader calls (whichever probe asks first makes the calls). */
const API_MODEL_OPERATIONS = [
  'APIGateway.GetRestApis',
  'APIGateway.GetRestApi',
  'APIGateway.GetStage',
  'APIGateway.GetResources',
  'APIGateway.GetAuthorizers',
  'APIGateway.GetVpcLink',
  'ApiGatewayV2.GetApis',
  'ApiGatewayV2.GetApi',
  'ApiGatewayV2.GetStage',
  'ApiGatewayV2.GetRoutes',
  'ApiGatewayV2.GetIntegrations',
  'ApiGatewayV2.GetAuthorizers',
  'ApiGatewayV2.GetVpcLink',
] as const;

/**
 * Per API, never a silent wildcard: each API contributes exactly the names it lists; an API that
 * lists none contributes `wildcard` only when it opted in to account-wide discovery, and nothing
 * otherwise (synth warns about it: lib/responder/diagnosis-permissions.ts).
 */
function perApi(
  scope: PermissionScope,
  listed: (api: WatchedApiScope) => readonly string[],
  arnsOf: (name: string) => readonly string[],
  wildcard: readonly string[],
): readonly string[] {
  return unique(
    scope.apis.flatMap((api) => {
      const names = listed(api);
      if (names.length > 0) return names.flatMap(arnsOf);
      return api.discovery === 'account-wide' ? wildcard : [];
    }),
  );
}

const functionArn = (scope: PermissionScope, name: string): string =>
  `arn:${scope.partition}:lambda:${scope.region}:${scope.account}:function:${name}`;

function lambdaFunctionResources(scope: PermissionScope): readonly string[] {
  return perApi(
    scope,
    (api) => api.backendFunctions,
    (name) => [functionArn(scope, name), `${functionArn(scope, name)}:*`],
    [functionArn(scope, '*')],
  );
}

const LAMBDA_FUNCTION_WILDCARD =
  'Backend and authorizer functions are discovered from the integrations at run time when the config does not list them; qualified ARNs (versions, aliases) need the :* suffix.';

/** Function configuration is shared discovery (lambda-backend, changes and throttling read it). */
const FUNCTION_CONFIG: PermissionStatement = {
  actions: ['lambda:GetFunctionConfiguration', 'lambda:GetFunctionConcurrency'],
  resources: lambdaFunctionResources,
  wildcardReason: LAMBDA_FUNCTION_WILDCARD,
};

const METRIC_DATA: PermissionStatement = {
  actions: ['cloudwatch:GetMetricData'],
  resources: () => ['*'],
  wildcardReason: 'cloudwatch:GetMetricData supports no resource-level permissions.',
};

export const PROBE_PERMISSIONS: readonly ProbePermissions[] = [
  {
    probe: 'metrics',
    statements: [METRIC_DATA, API_READ],
    operations: ['CloudWatch.GetMetricData', ...API_MODEL_OPERATIONS],
  },
  {
    probe: 'execution-logs',
    statements: [
      {
        actions: ['logs:FilterLogEvents'],
        resources: (scope) =>
          unique(
            restApis(scope).flatMap((api) =>
              api.stages.flatMap((stage) => logGroup(scope, `API-Gateway-Execution-Logs_${api.id ?? '*'}/${stage}`)),
            ),
          ),
        wildcardReason:
          'Log streams of the execution log group; for REST APIs watched by name the id part of the group name is known only at run time.',
      },
      API_READ,
    ],
    operations: ['CloudWatchLogs.FilterLogEvents', ...API_MODEL_OPERATIONS],
  },
  {
    probe: 'access-logs',
    statements: [
      {
        actions: ['logs:FilterLogEvents'],
        resources: (scope) =>
          perApi(
            scope,
            (api) => api.accessLogGroups,
            (group) => logGroup(scope, group),
            logGroup(scope, '*'),
          ),
        wildcardReason:
          'Access log groups are read from the stage settings at run time when the config does not list them; log streams need the :* suffix.',
      },
      API_READ,
    ],
    operations: ['CloudWatchLogs.FilterLogEvents', ...API_MODEL_OPERATIONS],
  },
  {
    probe: 'api-config',
    statements: [API_READ],
    operations: [...API_MODEL_OPERATIONS],
  },
  {
    probe: 'lambda-backend',
    statements: [
      FUNCTION_CONFIG,
      {
        actions: ['lambda:GetPolicy'],
        resources: lambdaFunctionResources,
        wildcardReason: LAMBDA_FUNCTION_WILDCARD,
      },
      {
        actions: ['logs:FilterLogEvents'],
        resources: (scope) =>
          perApi(
            scope,
            (api) => api.backendFunctions,
            (name) => logGroup(scope, `/aws/lambda/${name}`),
            logGroup(scope, '/aws/lambda/*'),
          ),
        wildcardReason:
          'Log groups of functions discovered from the integrations at run time; log streams need the :* suffix.',
      },
      METRIC_DATA,
      API_READ,
    ],
    operations: [
      'Lambda.GetFunctionConfiguration',
      'Lambda.GetFunctionConcurrency',
      'Lambda.GetPolicy',
      'CloudWatchLogs.FilterLogEvents',
      'CloudWatch.GetMetricData',
      ...API_MODEL_OPERATIONS,
    ],
  },
  {
    probe: 'http-backend',
    statements: [
      {
        actions: [
          'elasticloadbalancing:DescribeTargetGroups',
          'elasticloadbalancing:DescribeListeners',
          'elasticloadbalancing:DescribeTargetHealth',
        ],
        resources: () => ['*'],
        wildcardReason: 'Elastic Load Balancing Describe* actions support no resource-level permissions.',
      },
      API_READ,
    ],
    operations: [
      'ElasticLoadBalancingV2.DescribeTargetGroups',
      'ElasticLoadBalancingV2.DescribeListeners',
      'ElasticLoadBalancingV2.DescribeTargetHealth',
      ...API_MODEL_OPERATIONS,
    ],
  },
  {
    probe: 'changes',
    statements: [
      {
        actions: ['cloudtrail:LookupEvents'],
        resources: () => ['*'],
        wildcardReason: 'cloudtrail:LookupEvents supports no resource-level permissions.',
      },
      FUNCTION_CONFIG,
      API_READ,
    ],
    operations: [
      'CloudTrail.LookupEvents',
      'APIGateway.GetDeployments',
      'ApiGatewayV2.GetDeployments',
      'Lambda.GetFunctionConfiguration',
      'Lambda.GetFunctionConcurrency',
      ...API_MODEL_OPERATIONS,
    ],
  },
  {
    probe: 'throttling',
    statements: [
      {
        actions: ['apigateway:GET'],
        resources: (scope) => [apigw(scope, '/account'), apigw(scope, '/usageplans')],
      },
      {
        actions: ['lambda:GetAccountSettings'],
        resources: () => ['*'],
        wildcardReason: 'lambda:GetAccountSettings supports no resource-level permissions.',
      },
      FUNCTION_CONFIG,
      API_READ,
    ],
    operations: [
      'APIGateway.GetAccount',
      'APIGateway.GetUsagePlans',
      'Lambda.GetAccountSettings',
      'Lambda.GetFunctionConfiguration',
      'Lambda.GetFunctionConcurrency',
      ...API_MODEL_OPERATIONS,
    ],
  },
  {
    probe: 'traces',
    statements: [
      {
        actions: ['xray:GetTraceSummaries'],
        resources: () => ['*'],
        wildcardReason: 'xray:GetTraceSummaries supports no resource-level permissions.',
      },
      API_READ,
    ],
    operations: ['XRay.GetTraceSummaries', ...API_MODEL_OPERATIONS],
  },
];

/** The declaration of one probe. */
export function permissionsOf(probe: ProbeName): ProbePermissions {
  const found = PROBE_PERMISSIONS.find((p) => p.probe === probe);
  if (found === undefined) throw new Error(`no permissions declared for probe ${probe}`);
  return found;
}
