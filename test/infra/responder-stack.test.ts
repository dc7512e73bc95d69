/**
 * The standalone app with every feature on, synthesized once (with esbuild bundling) and checked
 * property by property.
 */
import { PROBE_NAMES } from '../../functions/types';
import type { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PROBE_PERMISSIONS } from '../../functions/diagnosis/permissions';
import { buildApp } from '../../lib';
import { asList, flat, FULL_CONFIG, policyStatements, resourcesOfType, scrubbed } from './support';

let app: App;
let template: Template;
let ids: {
  alarmTopic: string;
  operatorTopic: string;
  queue: string;
  key: string;
  fn: string;
  table: string;
  logGroup: string;
};

beforeAll(() => {
  const built = buildApp(FULL_CONFIG);
  app = built.app;
  template = Template.fromStack(built.stack);
  const only = (type: string, filter?: (props: Record<string, unknown>) => boolean): string => {
    const found = Object.entries(resourcesOfType(template, type)).filter(
      ([, r]) => !filter || filter(r.Properties ?? {}),
    );
    if (found.length !== 1 || !found[0]) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0][0];
  };
  ids = {
    alarmTopic: only('AWS::SNS::Topic', (p) => p.DisplayName === 'apigw-responder API Gateway alarms'),
    operatorTopic: only('AWS::SNS::Topic', (p) => p.DisplayName === 'apigw-responder operator alarms'),
    queue: only('AWS::SQS::Queue'),
    key: only('AWS::KMS::Key'),
    fn: only('AWS::Lambda::Function'),
    table: only('AWS::DynamoDB::Table'),
    logGroup: only('AWS::Logs::LogGroup'),
  };
});

const apiDims = (name: string, stage: string): unknown[] => [
  { Name: 'ApiName', Value: name },
  { Name: 'Stage', Value: stage },
];
const httpDims = (id: string, stage: string): unknown[] => [
  { Name: 'ApiId', Value: id },
  { Name: 'Stage', Value: stage },
];
const fastTuning = { EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching' };

describe('API alarms', () => {
  it('creates one alarm per enabled signal and stage, plus the five operator alarms', () => {
    const names = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'))
      .map((alarm) => alarm.Properties?.AlarmName)
      .filter((name): name is string => typeof name === 'string')
      .sort();
    expect(names).toEqual(
      [
        ...['5xx-count', '5xx-rate', 'p99-latency', 'p99-integration-latency', '4xx-rate'].map(
          (s) => `apigw-responder|REST|orders-api|prod|${s}`,
        ),
        ...['5xx-count', '5xx-rate', 'p99-latency', 'p99-integration-latency'].map(
          (s) => `apigw-responder|REST|orders-api|staging|${s}`,
        ),
        ...['5xx-count', '5xx-rate', 'p99-latency', 'p99-integration-latency'].map(
          (s) => `apigw-responder|REST|legacy-api|v1|${s}`,
        ),
        ...['5xx-count', '5xx-rate', 'p99-latency', 'p99-integration-latency'].map(
          (s) => `apigw-responder|HTTP|f6g7h8i9j0|$default|${s}`,
        ),
        ...['DeadLetterQueueDepth', 'MalformedEvents', 'ResponderErrors', 'ResponderThrottles', 'UntrustedEvents'].map(
          (s) => `apigw-responder-operator|ResponderTest|${s}`,
        ),
      ].sort(),
    );
    template.resourceCountIs('AWS::CloudWatch::Alarm', names.length);
  });

  it.each([
    ['REST', 'apigw-responder|REST|orders-api|staging|5xx-count', '5XXError', apiDims('orders-api', 'staging')],
    ['HTTP', 'apigw-responder|HTTP|f6g7h8i9j0|$default|5xx-count', '5xx', httpDims('f6g7h8i9j0', '$default')],
  ])('%s 5XX count: Sum per minute, default threshold, ALARM and OK to the topic', (_kind, name, metric, dims) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: name,
      Namespace: 'AWS/ApiGateway',
      MetricName: metric,
      Dimensions: dims,
      Statistic: 'Sum',
      Period: 60,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      ...fastTuning,
      AlarmActions: [{ Ref: ids.alarmTopic }],
      OKActions: [{ Ref: ids.alarmTopic }],
    });
  });

  const rateMetrics = (minRequests: number, errors: string, dims: unknown[], label: string): unknown[] => [
    {
      Id: 'expr_1',
      Expression: `IF(requests >= ${minRequests}, 100 * FILL(errors, 0) / requests, 0)`,
      Label: label,
      ReturnData: true,
    },
    {
      Id: 'errors',
      MetricStat: {
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: errors, Dimensions: dims },
        Period: 60,
        Stat: 'Sum',
      },
      ReturnData: false,
    },
    {
      Id: 'requests',
      MetricStat: {
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: dims },
        Period: 60,
        Stat: 'Sum',
      },
      ReturnData: false,
    },
  ];

  it.each([
    [
      'REST stage override',
      'apigw-responder|REST|orders-api|prod|5xx-rate',
      rateMetrics(50, '5XXError', apiDims('orders-api', 'prod'), '5XX rate (%)'),
      2,
    ],
    [
      'REST default',
      'apigw-responder|REST|legacy-api|v1|5xx-rate',
      rateMetrics(20, '5XXError', apiDims('legacy-api', 'v1'), '5XX rate (%)'),
      5,
    ],
    [
      'HTTP default',
      'apigw-responder|HTTP|f6g7h8i9j0|$default|5xx-rate',
      rateMetrics(20, '5xx', httpDims('f6g7h8i9j0', '$default'), '5XX rate (%)'),
      5,
    ],
    [
      '4XX, enabled on one stage',
      'apigw-responder|REST|orders-api|prod|4xx-rate',
      rateMetrics(20, '4XXError', apiDims('orders-api', 'prod'), '4XX rate (%)'),
      25,
    ],
  ])('error rate (%s): metric math guarded by a minimum request count', (_case, name, metrics, threshold) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: name,
      Metrics: metrics,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      ...fastTuning,
      AlarmActions: [{ Ref: ids.alarmTopic }],
      OKActions: [{ Ref: ids.alarmTopic }],
    });
  });

  it.each([
    [
      'API override',
      'apigw-responder|REST|orders-api|staging|p99-latency',
      'Latency',
      apiDims('orders-api', 'staging'),
      3000,
    ],
    [
      'default',
      'apigw-responder|HTTP|f6g7h8i9j0|$default|p99-latency',
      'Latency',
      httpDims('f6g7h8i9j0', '$default'),
      5000,
    ],
    [
      'integration, near the 29 s timeout',
      'apigw-responder|REST|legacy-api|v1|p99-integration-latency',
      'IntegrationLatency',
      apiDims('legacy-api', 'v1'),
      28000,
    ],
    [
      'HTTP integration',
      'apigw-responder|HTTP|f6g7h8i9j0|$default|p99-integration-latency',
      'IntegrationLatency',
      httpDims('f6g7h8i9j0', '$default'),
      28000,
    ],
  ])('p99 latency (%s)', (_case, name, metric, dims, threshold) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: name,
      Namespace: 'AWS/ApiGateway',
      MetricName: metric,
      Dimensions: dims,
      ExtendedStatistic: 'p99',
      Period: 60,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      ...fastTuning,
      AlarmActions: [{ Ref: ids.alarmTopic }],
      OKActions: [{ Ref: ids.alarmTopic }],
    });
  });

  it('describes what fired for which API and stage, links the runbook and carries the marker line', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'apigw-responder|HTTP|f6g7h8i9j0|$default|5xx-rate',
      AlarmDescription: [
        'API Gateway HTTP API "catalog" (f6g7h8i9j0) stage "$default": more than 5% of requests answered 5XX (periods with fewer than 20 requests count as 0%) in 2 of 3 periods of 1 min.',
        'Runbook: https://repost.aws/knowledge-center/api-gateway-5xx-error',
        'apigw-responder:{"kind":"HTTP","apiId":"f6g7h8i9j0","stage":"$default","signal":"5xx-rate"}',
      ].join('\n'),
    });
  });
});

describe('responder wiring', () => {
  it('encrypts both topics and the dead-letter queue with the rotating customer-managed key, TLS only', () => {
    const keyArn = { 'Fn::GetAtt': [ids.key, 'Arn'] };
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    for (const topic of [ids.alarmTopic, ids.operatorTopic]) {
      expect(template.toJSON().Resources[topic].Properties.KmsMasterKeyId).toEqual(keyArn);
    }
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: keyArn, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.resourcePropertiesCountIs(
      'AWS::SNS::TopicPolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
      2,
    );
  });

  /** The alarm ARN pattern in this stack's partition, region and account. */
  const alarmArns = (pattern: string) => ({
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':cloudwatch:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        `:alarm:${pattern}`,
      ],
    ],
  });
  const apiAlarmArns = alarmArns('apigw-responder|*');
  const operatorAlarmArns = alarmArns('apigw-responder-operator|ResponderTest|*');
  const sourceAccount = { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };

  it("lets CloudWatch use the key with exact actions, for this account's alarms of this project only", () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: '*',
            Condition: { ...sourceAccount, ArnLike: { 'aws:SourceArn': [apiAlarmArns, operatorAlarmArns] } },
          },
        ]),
      },
    });
  });

  it("lets CloudWatch publish to each topic for that topic's alarms only (the topic policy replaces SNS's default)", () => {
    const policies = Object.values(resourcesOfType(template, 'AWS::SNS::TopicPolicy'));
    const allowsOf = (topic: string) => {
      const policy = policies.find(
        (p) => JSON.stringify(p.Properties?.['Topics']) === JSON.stringify([{ Ref: topic }]),
      );
      const statements = (policy?.Properties?.['PolicyDocument'] as { Statement: Record<string, unknown>[] }).Statement;
      return statements.filter((s) => s['Effect'] === 'Allow');
    };
    expect(allowsOf(ids.alarmTopic)).toEqual([
      {
        Sid: 'AllowApiAlarmsToPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: ids.alarmTopic },
        Condition: { ...sourceAccount, ArnLike: { 'aws:SourceArn': apiAlarmArns } },
      },
    ]);
    expect(allowsOf(ids.operatorTopic)).toEqual([
      expect.objectContaining({
        Sid: 'AllowOperatorAlarmsToPublish',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: ids.operatorTopic },
        Condition: { ...sourceAccount, ArnLike: { 'aws:SourceArn': operatorAlarmArns } },
      }),
    ]);
  });

  it('names every alarm so that the source condition of its topic matches it', () => {
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    for (const alarm of alarms) {
      const name = String(alarm.Properties?.['AlarmName']);
      const topic = JSON.stringify(alarm.Properties?.['AlarmActions']);
      if (topic === JSON.stringify([{ Ref: ids.alarmTopic }])) expect(name).toMatch(/^apigw-responder\|/);
      else expect(name).toMatch(/^apigw-responder-operator\|ResponderTest\|/);
    }
  });

  it('runs the function on Node 24, ARM64, traced, with explicit memory, timeout, concurrency and log group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 60,
      ReservedConcurrentExecutions: 3,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: { Ref: ids.logGroup } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
  });

  it('hands the responder names and ids only, as one JSON environment variable', () => {
    const variables = template.toJSON().Resources[ids.fn].Properties.Environment.Variables as Record<string, unknown>;
    expect(Object.keys(variables).sort()).toEqual([
      'NODE_OPTIONS',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'RESPONDER_CONFIG',
    ]);
    expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe('apigw-responder');
    expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe('ApiGatewayResponder');
    expect(JSON.parse(flat(variables.RESPONDER_CONFIG))).toEqual({
      version: 1,
      tableName: `<${ids.table}>`,
      groupingWindowMinutes: 30,
      notifyReserveMs: 15000,
      probes: [...PROBE_NAMES],
      activeHealthCheck: false,
      watched: [
        {
          kind: 'REST',
          id: 'a1b2c3d4e5',
          name: 'orders-api',
          stages: ['prod', 'staging'],
          // What its diagnosis may read at run time (functions/diagnosis/api-read-scope.ts).
          backendFunctions: ['orders-handler'],
          accessLogGroups: ['/aws/apigateway/orders-api/prod'],
        },
        { kind: 'REST', name: 'legacy-api', stages: ['v1'] },
        { kind: 'HTTP', id: 'f6g7h8i9j0', name: 'catalog', stages: ['$default'] },
      ],
      destinations: {
        slack: { mode: 'bot', tokenSecretId: 'responder/slack-bot', channel: '#incidents' },
        jira: {
          site: 'https://acme.atlassian.net',
          projectKey: 'OPS',
          secretId: 'responder/jira',
          issueType: 'Bug',
          resolveTransition: 'Done',
        },
        opsItem: { enabled: true, category: 'Availability', severity: '2' },
        pagerduty: { routingKeySecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:responder/pd-AbCdEf' },
        webhook: { secretId: 'responder/webhook' },
      },
      trust: {
        account: '<AWS::AccountId>',
        region: '<AWS::Region>',
        trustedAccounts: [],
        regions: [],
        allowedAlarms: [],
        maxEventAgeHours: 338,
        maxClockSkewMinutes: 5,
      },
    });
  });

  it('subscribes the function to the alarm topic and lets only that topic invoke it', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: ids.alarmTopic },
      Endpoint: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: ids.alarmTopic },
      FunctionName: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: ids.operatorTopic },
    });
  });

  it('sends failed async invocations to the dead-letter queue after 2 retries', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ids.fn },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.queue, 'Arn'] } } },
    });
  });

  it.each([
    [
      'dead-letter queue depth',
      { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum', Period: 60 },
      () => [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.queue, 'QueueName'] } }],
    ],
    [
      'responder errors',
      { Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', Period: 300 },
      () => [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
    ],
    [
      'responder throttles',
      { Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum', Period: 300 },
      () => [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
    ],
    [
      'malformed events',
      { Namespace: 'ApiGatewayResponder', MetricName: 'MalformedEvents', Statistic: 'Sum', Period: 300 },
      () => [{ Name: 'service', Value: 'apigw-responder' }],
    ],
  ])('alarms on %s to the operator topic, not through the responder', (_name, metric, dims) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...metric,
      Dimensions: dims(),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: ids.operatorTopic }],
      OKActions: [{ Ref: ids.operatorTopic }],
    });
  });

  it("keeps idempotency records in an on-demand table encrypted with the stack's key, with TTL and point-in-time recovery", () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] } },
    });
  });

  it('lets the responder use the table key through DynamoDB only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
            Resource: { 'Fn::GetAtt': [ids.key, 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it("triggers the responder from EventBridge on state changes of this project's alarms only", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { alarmName: [{ prefix: 'apigw-responder|' }] },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        }),
      ],
    });
  });
});

describe('IAM', () => {
  const statements = (): ReturnType<typeof policyStatements> => policyStatements(template);
  const grantedOn = (resource: (flatResource: string) => boolean): string[] =>
    statements()
      .filter((s) => asList(s.Resource).some((r) => resource(flat(r))))
      .flatMap((s) => asList(s.Action))
      .sort();

  it('allows only, and never a wildcard action', () => {
    for (const statement of statements()) {
      expect(statement.Effect).toBe('Allow');
      for (const action of asList(statement.Action)) expect(action).not.toContain('*');
    }
  });

  it('grants "*" resources only where the API allows nothing narrower', () => {
    const declared = PROBE_PERMISSIONS.flatMap((p) => p.statements)
      .filter((s) => s.wildcardReason !== undefined)
      .flatMap((s) => s.actions);
    const own = [
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'ssm:CreateOpsItem',
      'cloudwatch:GetMetricWidgetImage',
    ];
    const onStar = grantedOn((r) => r === '*');
    expect(onStar).toEqual(expect.arrayContaining(['cloudwatch:GetMetricData', ...own]));
    for (const action of onStar) expect([...own, ...declared]).toContain(action);
  });

  it('reads exactly the named secrets', () => {
    const secretStatements = statements().filter((s) => asList(s.Action).some((a) => a.startsWith('secretsmanager:')));
    expect(secretStatements.map((s) => [asList(s.Action), asList(s.Resource).map(flat).sort()])).toEqual([
      [
        ['secretsmanager:GetSecretValue'],
        [
          'arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:responder/jira-??????',
          'arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:responder/slack-bot-??????',
          'arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:responder/webhook-??????',
          'arn:aws:secretsmanager:eu-west-1:123456789012:secret:responder/pd-AbCdEf',
        ],
      ],
    ]);
  });

  it('uses the table, the queue and the key with exact actions on exactly those resources', () => {
    expect(grantedOn((r) => r === `<${ids.table}.Arn>`)).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(grantedOn((r) => r === `<${ids.queue}.Arn>`)).toEqual(['sqs:SendMessage']);
    // Topics and queue: Decrypt + GenerateDataKey; the table: those plus Encrypt and DescribeKey, via DynamoDB only.
    expect(grantedOn((r) => r === `<${ids.key}.Arn>`)).toEqual([
      'kms:Decrypt',
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      'kms:GenerateDataKey',
    ]);
    expect(grantedOn((r) => r === `<${ids.logGroup}.Arn>`)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it("reads alarm state and history of this project's alarms only (the provenance gate)", () => {
    expect(grantedOn((r) => r.includes(':cloudwatch:'))).toEqual([
      'cloudwatch:DescribeAlarmHistory',
      'cloudwatch:DescribeAlarms',
    ]);
    const alarmResources = statements()
      .filter((s) => asList(s.Action).includes('cloudwatch:DescribeAlarms'))
      .flatMap((s) => asList(s.Resource).map(flat));
    expect(alarmResources).toEqual([
      'arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:alarm:apigw-responder|*',
    ]);
  });

  it('creates and updates OpsItems when they are on', () => {
    expect(grantedOn((r) => r.includes(':opsitem/'))).toEqual(['ssm:UpdateOpsItem']);
    expect(grantedOn((r) => r === '*')).toContain('ssm:CreateOpsItem');
  });

  it("scopes the diagnosis to the watched stages' log groups and APIs", () => {
    const logGroup = (name: string): string =>
      `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${name}`;
    const filtered = grantedOn((r) => r.startsWith(logGroup('API-Gateway-Execution-Logs_')));
    expect(filtered).toEqual(['logs:FilterLogEvents']);
    const executionGroups = statements()
      .flatMap((s) => asList(s.Resource).map(flat))
      .filter((r) => r.startsWith(logGroup('API-Gateway-Execution-Logs_')))
      .sort();
    expect(executionGroups).toEqual(
      [
        logGroup('API-Gateway-Execution-Logs_*/v1'),
        logGroup('API-Gateway-Execution-Logs_*/v1:*'),
        logGroup('API-Gateway-Execution-Logs_a1b2c3d4e5/prod'),
        logGroup('API-Gateway-Execution-Logs_a1b2c3d4e5/prod:*'),
        logGroup('API-Gateway-Execution-Logs_a1b2c3d4e5/staging'),
        logGroup('API-Gateway-Execution-Logs_a1b2c3d4e5/staging:*'),
      ].sort(),
    );
    expect(grantedOn((r) => r === 'arn:<AWS::Partition>:apigateway:<AWS::Region>::/restapis/a1b2c3d4e5')).toEqual([
      'apigateway:GET',
    ]);
    expect(grantedOn((r) => r === 'arn:<AWS::Partition>:apigateway:<AWS::Region>::/apis/f6g7h8i9j0')).toEqual([
      'apigateway:GET',
    ]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding', () => {
    const { violations } = new AwsSolutionsChecks(app).validateScope(app);
    expect(
      violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
  });

  it('gives a reason for every wildcard acknowledgement', () => {
    const role = app.node.findAll().find((c) => c.node.path.endsWith('Responder/Responder/Role'));
    const acknowledged =
      role?.node.metadata
        .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
        .map((m) => m.data as Record<string, string>) ?? [];
    const entries = acknowledged.flatMap((data) => Object.entries(data));
    expect(entries.length).toBeGreaterThan(0);
    for (const [id, reason] of entries) {
      expect(id).toMatch(/AwsSolutions-IAM5\[Resource::.*\*.*\]$/);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});

it('matches the snapshot (asset hashes scrubbed)', () => {
  expect(scrubbed(template)).toMatchSnapshot();
});
