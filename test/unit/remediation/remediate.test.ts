import {
  remediate,
  remediationContextFrom,
  remediationContextFromLines,
} from '../../../functions/remediation/remediate';
import type { RemediationContext } from '../../../functions/remediation/remediate';
import type { Finding, Hypothesis, Incident, RootCauseClass } from '../../../functions/types';
import { ROOT_CAUSE_CLASSES } from '../../../functions/types';

const incident: Incident = {
  alarmName: 'orders-prod-5xx',
  alarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-prod-5xx',
  state: 'ALARM',
  stateChangeTime: '2024-05-04T17:50:00Z',
  region: 'eu-west-1',
  accountId: '123456789012',
  api: { kind: 'REST', id: 'a1b2c3d4e5', name: 'orders', stage: 'prod' },
  metric: { metricName: '5XXError' },
  window: { start: '2024-05-04T17:35:00Z', end: '2024-05-04T17:50:00Z' },
  source: 'sns',
};

const findings: Finding[] = [
  {
    type: 'integration',
    probe: 'api-config',
    summary: 'GET /orders',
    route: 'GET /orders',
    integrationType: 'AWS_PROXY',
    timeoutMs: 29_000,
    lambdaFunction: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-handler',
    credentialsRole: 'arn:aws:iam::123456789012:role/orders-apigw',
    vpcLinkId: 'vl1234',
  },
  {
    type: 'lambda',
    probe: 'lambda-backend',
    summary: 'orders-handler',
    functionName: 'orders-handler',
    role: 'integration',
    timeoutSeconds: 30,
    memoryMb: 512,
    reservedConcurrency: 5,
    inVpc: true,
  },
  {
    type: 'authorizer',
    probe: 'api-config',
    summary: 'jwt',
    id: 'auth42',
    name: 'jwt',
    authorizerType: 'TOKEN',
    lambdaFunction: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-authorizer',
  },
  {
    type: 'http-backend',
    probe: 'http-backend',
    summary: 'nlb',
    endpoint: 'https://backend.internal.example.com/orders',
    targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/abc',
  },
];

const SUB_CAUSES: Readonly<Record<RootCauseClass, readonly (string | undefined)[]>> = {
  INTEGRATION_TIMEOUT: [undefined],
  LAMBDA_TIMEOUT: [undefined, 'vpc-outbound'],
  MALFORMED_PROXY_RESPONSE: [undefined, 'unknown-response-field'],
  LAMBDA_FUNCTION_ERROR: [
    undefined,
    'Runtime.ImportModuleError',
    'out-of-memory',
    'package-file-permissions',
    'function-role-access-denied',
    'extension-crash',
    'native-library-mismatch',
    'downstream-unreachable',
  ],
  RESPONSE_TOO_LARGE: ['payload-over-6mb', 'request-payload-too-large'],
  PERMISSION_DENIED: ['lambda-resource-policy', 'role-not-assumable', 'credentials-role-policy'],
  THROTTLING: [undefined, 'reserved-concurrency-zero'],
  MAPPING_ERROR: [
    'binary-content-handling',
    'method-response-missing',
    'request-template',
    'integration-uri',
    'service-request-template',
  ],
  BACKEND_UNREACHABLE: ['tls-certificate', 'vpc-link', 'network-error'],
  BACKEND_5XX: [undefined],
  AUTHORIZER_ERROR: ['authorizer-invoke-permission', 'authorizer-role-not-assumable', 'invalid-policy'],
  UNKNOWN: [undefined],
};

const CASES = ROOT_CAUSE_CLASSES.flatMap((cls) => SUB_CAUSES[cls].map((sub) => [cls, sub] as const));

function hypothesis(cls: RootCauseClass, subCause?: string): Hypothesis {
  return { class: cls, confidence: 0.9, evidence: [], ...(subCause === undefined ? {} : { subCause }) };
}

/** Unfilled template leftovers: <function-name>, {apiId}, ${stage}, REGION/ACCOUNT tokens. */
const PLACEHOLDER =
  /<[A-Za-z][\w -]*>|\{[A-Za-z_][\w.]*\}|\$\{|\bundefined\b|\b(?:REGION|ACCOUNT_ID|API_ID|FUNCTION_NAME|YOUR_[A-Z_]+)\b/;

describe('remediate with the incident’s real names', () => {
  const context = remediationContextFrom(incident, findings);

  it('takes the names from the incident and findings', () => {
    expect(context).toEqual({
      region: 'eu-west-1',
      accountId: '123456789012',
      apiKind: 'REST',
      apiId: 'a1b2c3d4e5',
      apiName: 'orders',
      stage: 'prod',
      window: incident.window,
      functionName: 'orders-handler',
      route: 'GET /orders',
      integrationTimeoutMs: 29_000,
      credentialsRoleArn: 'arn:aws:iam::123456789012:role/orders-apigw',
      vpcLinkId: 'vl1234',
      functionTimeoutSeconds: 30,
      functionMemoryMb: 512,
      reservedConcurrency: 5,
      functionInVpc: true,
      authorizerId: 'auth42',
      authorizerFunctionName: 'orders-authorizer',
      endpoint: 'https://backend.internal.example.com/orders',
      targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/abc',
    });
  });

  it.each(CASES)('%s (%s): ordered steps, commands with real names, no placeholders', (cls, subCause) => {
    const remediation = remediate(hypothesis(cls, subCause), context);
    const commands = remediation.steps.flatMap((s) => (s.command === undefined ? [] : [s.command]));

    expect(remediation.class).toBe(cls);
    expect(remediation.steps.length).toBeGreaterThan(0);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      expect(command).not.toMatch(PLACEHOLDER);
      expect(command).toMatch(
        /a1b2c3d4e5|orders-handler|orders-authorizer|orders-apigw|vl1234|targetgroup\/orders|backend\.internal\.example\.com|eu-west-1/,
      );
    }
    for (const link of remediation.links) {
      expect(link.url).toMatch(/^https:\/\/eu-west-1\.console\.aws\.amazon\.com\//);
      expect(link.url).not.toMatch(/undefined/);
    }
  });

  it.each([
    ['extension-crash', /extension/i],
    ['native-library-mismatch', /native code/i],
    ['downstream-unreachable', /network path/i],
  ])('a function error with sub-cause %s leads with its own step', (subCause, title) => {
    const remediation = remediate(hypothesis('LAMBDA_FUNCTION_ERROR', subCause), context);
    expect(remediation.steps[0]?.title).toMatch(title);
    expect(remediation.steps[0]?.command).toContain('orders-handler');
  });

  it('a proxy response with a field REST APIs do not take leads with removing it', () => {
    const remediation = remediate(hypothesis('MALFORMED_PROXY_RESPONSE', 'unknown-response-field'), context);
    expect(remediation.steps[0]?.title).toMatch(/fields API Gateway does not take/);
    expect(remediate(hypothesis('MALFORMED_PROXY_RESPONSE'), context).steps[0]?.title).not.toMatch(/fields/);
  });

  it('a missing integration function leads with its aliases; an HTTP API is reviewed with apigatewayv2', () => {
    const rest = remediate(hypothesis('MAPPING_ERROR', 'integration-uri'), context);
    expect(rest.steps[0]?.command).toContain('aws lambda list-aliases --function-name orders-handler');
    expect(rest.steps.map((s) => s.command ?? '').join('\n')).toContain('aws apigateway get-export');
    const http = remediate(hypothesis('MAPPING_ERROR', 'service-request-template'), { ...context, apiKind: 'HTTP' });
    const commands = http.steps.map((s) => s.command ?? '').join('\n');
    expect(http.steps[0]?.title).toMatch(/request template/i);
    expect(commands).toContain('aws apigatewayv2 get-integrations --api-id');
    expect(commands).not.toMatch(/aws apigateway (?:get-export|get-resources)/);
  });

  it('grants invoke permission with the API’s SourceArn', () => {
    const steps = remediate(hypothesis('PERMISSION_DENIED', 'lambda-resource-policy'), context).steps;

    expect(steps[0]?.command).toBe(
      'aws lambda add-permission --function-name orders-handler --statement-id apigateway-a1b2c3d4e5-invoke --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/*/*" --region eu-west-1',
    );
  });

  it('names the API’s account in its ARNs when the alarm watches another account’s metric', () => {
    const crossAccount = { ...incident, metric: { ...incident.metric, accountId: '222222222222' } };
    const steps = remediate(
      hypothesis('PERMISSION_DENIED', 'lambda-resource-policy'),
      remediationContextFrom(crossAccount, findings),
    ).steps;

    expect(steps[0]?.command).toContain('--source-arn "arn:aws:execute-api:eu-west-1:222222222222:a1b2c3d4e5/*/*/*"');
  });

  it('grants the authorizer permission on the authorizer’s own SourceArn', () => {
    const steps = remediate(hypothesis('AUTHORIZER_ERROR', 'authorizer-invoke-permission'), context).steps;

    expect(steps[0]?.command).toContain('--function-name orders-authorizer');
    expect(steps[0]?.command).toContain('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/authorizers/auth42');
  });

  it('links to Logs Insights for the failing requests, the function log group and the stage', () => {
    const links = remediate(hypothesis('LAMBDA_TIMEOUT'), context).links;

    expect(links.map((l) => l.label)).toEqual([
      'Logs Insights: failing requests on orders/prod',
      'Logs Insights: errors of orders-handler',
      'Log group /aws/lambda/orders-handler',
      'API a1b2c3d4e5 stage prod',
      'Lambda function orders-handler',
    ]);
    expect(links[0]?.url).toContain('#logsV2:logs-insights$3FqueryDetail$3D~(end~');
    expect(links[0]?.url).toContain('API-Gateway-Execution-Logs_a1b2c3d4e5*2Fprod');
    expect(links[2]?.url).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Forders-handler',
    );
  });
});

describe('remediate when names are unknown (classify with logs only)', () => {
  const empty: RemediationContext = {};

  it.each(CASES)('%s (%s): no placeholders; missing names are said in plain words', (cls, subCause) => {
    const remediation = remediate(hypothesis(cls, subCause), empty);

    for (const step of remediation.steps) {
      if (step.command !== undefined) expect(step.command).not.toMatch(PLACEHOLDER);
    }
    expect(remediation.links).toEqual([]);
  });

  it('says which name is missing instead of printing a command with a hole', () => {
    const step = remediate(hypothesis('PERMISSION_DENIED', 'lambda-resource-policy'), empty).steps[0];

    expect(step?.command).toBeUndefined();
    expect(step?.detail).toContain('The backend function name is not known from this input: pass --function');
    expect(step?.detail).toContain('The API id is not known from this input: pass --api-id');
  });

  it('fills an unknown region and account from the shell when only the names are known', () => {
    const step = remediate(hypothesis('PERMISSION_DENIED', 'lambda-resource-policy'), {
      functionName: 'fn',
      apiId: 'abcdefghij',
    }).steps[0];

    expect(step?.command).toBe(
      'aws lambda add-permission --function-name fn --statement-id apigateway-abcdefghij-invoke --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:$(aws configure get region):$(aws sts get-caller-identity --query Account --output text):abcdefghij/*/*/*"',
    );
  });
});

describe('remediationContextFromLines', () => {
  it('reads names from ARNs, log groups and request targets in the lines', () => {
    expect(
      remediationContextFromLines([
        'Sending request to https://lambda.us-east-2.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-2:210987654321:function:pay-api/invocations',
        'Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::210987654321:role/pay-role',
        'log group API-Gateway-Execution-Logs_zyxwvut987/live',
      ]),
    ).toEqual({
      region: 'us-east-2',
      accountId: '210987654321',
      functionName: 'pay-api',
      credentialsRoleArn: 'arn:aws:iam::210987654321:role/pay-role',
      apiKind: 'REST',
      apiId: 'zyxwvut987',
      stage: 'live',
    });
  });

  it('ignores redacted or invalid ARNs', () => {
    expect(remediationContextFromLines(['arn:aws:lambda:xx:xxx:function:xx'])).toEqual({});
  });
});
