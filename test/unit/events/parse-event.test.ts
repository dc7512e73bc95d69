import { AlarmEventError, MalformedEventError, NotApiGatewayAlarmError } from '../../../functions/events/errors';
import { MAX_MESSAGE_BYTES, parseAlarmEvent, parseAlarmEvents } from '../../../functions/events/parse-event';
import type { Incident } from '../../../functions/types';
import {
  ACCOUNT,
  REGION,
  TOPIC_ARN,
  alarmMessage,
  corpusFiles,
  eventBridgeEvent,
  lambdaActionEvent,
  projectAlarmName,
  readCorpus,
  snsEnvelope,
  snsLambdaEvent,
} from './fixtures';

type Json = Record<string, unknown>;

function rejection(event: unknown): AlarmEventError {
  const outcomes = parseAlarmEvents(event);
  expect(outcomes).toHaveLength(1);
  const [outcome] = outcomes;
  if (outcome === undefined || outcome.ok) throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe('the real alarm corpus', () => {
  const files = corpusFiles();

  it('has all 21 shapes of the README', () => {
    expect(files.length).toBeGreaterThanOrEqual(21);
  });

  it.each(files)('%s is accepted or rejected with a typed error and a clear reason', (file) => {
    const outcomes = parseAlarmEvents(readCorpus(file));
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      if (outcome.ok) {
        expect(outcome.incident.api.stage).not.toBe('');
        expect(outcome.incident.region).toMatch(/^[a-z]{2}(-[a-z]+)+-\d$/);
      } else {
        expect(outcome.error).toBeInstanceOf(AlarmEventError);
        expect(outcome.error.message.length).toBeGreaterThan(10);
      }
    }
  });

  it('accepts the anomaly-detection alarm on AWS/ApiGateway (metric math dimensions, non-ASCII name with | and #)', () => {
    const incident = parseAlarmEvent(readCorpus('08-sns-lambda-event-anomaly-apigateway-2025.json'));
    expect(incident).toEqual({
      alarmName: '# Error Api  |  Verificarseg  |  Inicio de Sesión',
      alarmArn: 'arn:aws:cloudwatch:us-east-1:471112847654:alarm:# Error Api  |  Verificarseg  |  Inicio de Sesión',
      alarmDescription: expect.stringContaining('Banca Móvil'),
      state: 'ALARM',
      previousState: 'OK',
      stateChangeTime: '2025-11-14T18:40:26.838Z',
      reason: expect.stringContaining('Thresholds Crossed'),
      region: 'us-east-1',
      accountId: '471112847654',
      api: { kind: 'REST', name: 'bmp-msp-verificarseg-pro', stage: 'pro' },
      metric: {
        namespace: 'AWS/ApiGateway',
        metricName: 'Count',
        statistic: 'Sum',
        periodSeconds: 60,
        evaluationPeriods: 4,
        datapointsToAlarm: 1,
        comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
        expression: 'ANOMALY_DETECTION_BAND(m1, 1.5)',
        accountId: '775096123702',
      },
      // 4 evaluation periods of 1 minute + 2 = 6 minutes, raised to the 15-minute minimum; whole minutes.
      window: { start: '2025-11-14T18:25:00.000Z', end: '2025-11-14T18:41:00.000Z' },
      source: 'sns',
    } satisfies Incident);
  });

  it.each([
    ['01-sns-lambda-event-metric-ec2-console-template.json', 'AWS/EC2 NetworkOut'],
    ['02-sns-lambda-event-metric-lambda-errors-ok-seoul.json', 'AWS/Lambda Errors'],
    ['03-sns-http-notification-metric-lambda-concurrency-sre-bot.json', 'AWS/Lambda ConcurrentExecutions'],
    ['04-sns-lambda-event-metric-alb-2018-legacy-format.json', 'AWS/ApplicationELB HealthyHostCount'],
    ['05-sns-message-metric-localstack-recorded-2026.json', 'my-metric1'],
    ['06-sns-lambda-event-metricmath-console-template.json', 'AWS/EC2 NetworkOut'],
    ['07-sns-message-metricmath-lambda-success-rate.json', 'AWS/Lambda Errors, AWS/Lambda Invocations'],
    ['09-sns-lambda-event-metric-custom-namespace-2021.json', 'IExecutionFailureHook'],
    ['10-sns-lambda-event-composite-triggering-children-2021.json', 'composite alarm'],
    ['11-sns-message-composite-empty-triggering-children.json', 'composite alarm'],
    ['12-eventbridge-metric-ec2-docs.json', 'AWS/EC2 CPUUtilization'],
    ['13-eventbridge-metricmath-docs.json', 'AWS/EC2 NetworkIn'],
    ['14-eventbridge-anomaly-detection-docs.json', 'AWS/EC2 CPUUtilization'],
    ['15-eventbridge-composite-suppressor-docs.json', 'composite alarm'],
    ['16-eventbridge-metric-lambda-errors-captured.json', 'AWS/Lambda Errors'],
    ['17-lambda-action-metric-docs-copy.json', 'AWS/Logs CallCount'],
    ['18-lambda-action-metricmath-powertools.json', 'AWS/Lambda Invocations'],
    ['19-lambda-action-composite-powertools.json', 'composite alarm'],
    ['20-lambda-action-metric-localstack-recorded-2024.json', 'namespace metric1'],
    ['21-sns-message-metric-extendedstatistic-ok-2022.json', 'AWS/EC2 CPUUtilization'],
  ])('rejects %s: not an API Gateway alarm (%s)', (file, what) => {
    const error = rejection(readCorpus(file));
    expect(error).toBeInstanceOf(NotApiGatewayAlarmError);
    expect(error.reason).toBe('NOT_API_GATEWAY');
    expect(error.message).toContain(what);
    expect(error.identifiers.alarmName).toBeDefined();
  });
});

// The same real payloads, pointed at an API Gateway stage: every shape and trap must still parse.

const REST_DIMS_LIST = [
  { value: 'prod', name: 'Stage' },
  { value: 'orders-api', name: 'ApiName' },
];
const REST_DIMS_MAP = { ApiName: 'orders-api', Stage: 'prod' };

function withSnsMessage(event: unknown, edit: (message: Json) => void): unknown {
  const copy = structuredClone(event) as Json;
  const holder = Array.isArray(copy['Records']) ? ((copy['Records'] as Json[])[0]!['Sns'] as Json) : copy;
  if (typeof holder['Message'] === 'string') {
    const message = JSON.parse(holder['Message']) as Json;
    edit(message);
    holder['Message'] = JSON.stringify(message);
    return copy;
  }
  edit(copy);
  return copy;
}

function pointSnsAtApi(message: Json): void {
  const trigger = message['Trigger'] as Json | undefined;
  if (trigger === undefined) return;
  if (Array.isArray(trigger['Metrics'])) {
    for (const query of trigger['Metrics'] as Json[]) {
      const stat = query['MetricStat'] as Json | undefined;
      if (stat !== undefined)
        stat['Metric'] = { ...(stat['Metric'] as Json), Namespace: 'AWS/ApiGateway', Dimensions: REST_DIMS_LIST };
    }
    return;
  }
  trigger['Namespace'] = 'AWS/ApiGateway';
  trigger['MetricName'] = '5XXError';
  trigger['Dimensions'] = REST_DIMS_LIST;
}

function pointCwAtApi(data: Json): void {
  const configuration = data['configuration'] as Json;
  for (const query of (configuration['metrics'] as Json[] | undefined) ?? []) {
    const stat = query['metricStat'] as Json | undefined;
    if (stat !== undefined)
      stat['metric'] = { ...(stat['metric'] as Json), namespace: 'AWS/ApiGateway', dimensions: REST_DIMS_MAP };
  }
}

const CHILD = 'apigw-responder|REST|orders-api|prod|5xx-count';

function childArn(region: string, account: string): string {
  return `arn:aws:cloudwatch:${region}:${account}:alarm:${CHILD}`;
}

function edited(file: string, edit: (event: Json) => void): unknown {
  const copy = structuredClone(readCorpus(file)) as Json;
  edit(copy);
  return copy;
}

const REST_PROD = { kind: 'REST', name: 'orders-api', stage: 'prod' };

describe.each([
  {
    file: '02-sns-lambda-event-metric-lambda-errors-ok-seoul.json (SNS to Lambda, OK, Seoul)',
    event: () => withSnsMessage(readCorpus('02-sns-lambda-event-metric-lambda-errors-ok-seoul.json'), pointSnsAtApi),
    expected: {
      region: 'ap-northeast-2',
      accountId: '145972894989',
      state: 'OK',
      stateChangeTime: '2023-03-08T00:46:32.006Z',
      api: REST_PROD,
    },
  },
  {
    file: '03 (SNS HTTP envelope, empty dimensions)',
    event: () =>
      withSnsMessage(readCorpus('03-sns-http-notification-metric-lambda-concurrency-sre-bot.json'), pointSnsAtApi),
    expected: {
      region: 'ca-central-1',
      accountId: '017790921725',
      state: 'ALARM',
      stateChangeTime: '2022-09-25T18:50:37.811Z',
      api: REST_PROD,
    },
  },
  {
    file: '04 (2018 legacy: no AlarmArn, region from the topic ARN)',
    event: () => withSnsMessage(readCorpus('04-sns-lambda-event-metric-alb-2018-legacy-format.json'), pointSnsAtApi),
    expected: {
      region: 'eu-west-1',
      accountId: '760097843905',
      alarmArn: 'arn:aws:cloudwatch:eu-west-1:760097843905:alarm:loris-alb-not-enough-healthy-hosts',
      api: REST_PROD,
    },
  },
  {
    file: '07 (raw SNS message, metric math)',
    event: () => withSnsMessage(readCorpus('07-sns-message-metricmath-lambda-success-rate.json'), pointSnsAtApi),
    expected: {
      region: 'eu-west-1',
      accountId: '190192394281',
      api: REST_PROD,
      metric: expect.objectContaining({
        expression: '100 - 100 * errors / MAX([errors, invocations])',
        metricName: 'Errors',
      }),
    },
  },
  {
    file: '09 (custom namespace, "None" unit, padded TreatMissingData)',
    event: () => withSnsMessage(readCorpus('09-sns-lambda-event-metric-custom-namespace-2021.json'), pointSnsAtApi),
    expected: {
      region: 'us-east-1',
      accountId: '427809481713',
      api: REST_PROD,
      metric: expect.objectContaining({ statistic: 'Sum' }),
    },
  },
  {
    file: '10 (composite, TriggeringChildren named by the project scheme)',
    event: () =>
      withSnsMessage(readCorpus('10-sns-lambda-event-composite-triggering-children-2021.json'), (m) => {
        m['TriggeringChildren'] = [
          {
            Arn: childArn('us-east-1', '427809481713'),
            State: { Value: 'ALARM', Timestamp: '2021-11-10T02:45:55.640+0000' },
          },
        ];
      }),
    expected: { region: 'us-east-1', accountId: '427809481713', api: REST_PROD },
  },
  {
    file: '11 (composite, empty TriggeringChildren: the rule names the children)',
    event: () =>
      withSnsMessage(readCorpus('11-sns-message-composite-empty-triggering-children.json'), (m) => {
        m['AlarmRule'] =
          'ALARM("apigw-responder|HTTP|a1b2c3d4e5|live|5xx-count") OR ALARM("apigw-responder|HTTP|a1b2c3d4e5|live|5xx-rate")';
      }),
    expected: { region: 'eu-west-1', accountId: '123456', api: { kind: 'HTTP', id: 'a1b2c3d4e5', stage: 'live' } },
  },
  {
    file: '12 (EventBridge, single metric)',
    event: () => edited('12-eventbridge-metric-ec2-docs.json', (e) => pointCwAtApi(e['detail'] as Json)),
    expected: {
      region: 'us-east-1',
      accountId: '123456789012',
      source: 'eventbridge',
      stateChangeTime: '2019-10-02T17:04:40.989Z',
      api: REST_PROD,
    },
  },
  {
    file: '13 (EventBridge, metric math)',
    event: () => edited('13-eventbridge-metricmath-docs.json', (e) => pointCwAtApi(e['detail'] as Json)),
    expected: {
      region: 'us-east-1',
      api: REST_PROD,
      metric: expect.objectContaining({ expression: 'SUM(METRICS())', threshold: 10000 }),
    },
  },
  {
    file: '14 (EventBridge, anomaly detection)',
    event: () => edited('14-eventbridge-anomaly-detection-docs.json', (e) => pointCwAtApi(e['detail'] as Json)),
    expected: {
      region: 'us-east-1',
      api: REST_PROD,
      metric: expect.objectContaining({ expression: 'ANOMALY_DETECTION_BAND(m1, 0.8)' }),
    },
  },
  {
    file: '15 (EventBridge composite: children only in reasonData)',
    event: () =>
      edited('15-eventbridge-composite-suppressor-docs.json', (e) => {
        const state = (e['detail'] as Json)['state'] as Json;
        state['reasonData'] = JSON.stringify({
          triggeringAlarms: [{ arn: childArn('us-east-1', '123456789012'), state: { value: 'ALARM' } }],
        });
      }),
    expected: { region: 'us-east-1', accountId: '123456789012', api: REST_PROD },
  },
  {
    file: '16 (EventBridge capture, sanitised account)',
    event: () => edited('16-eventbridge-metric-lambda-errors-captured.json', (e) => pointCwAtApi(e['detail'] as Json)),
    expected: { region: 'eu-west-1', accountId: '123456', api: REST_PROD },
  },
  {
    file: '17 (Lambda action; documentation copy with spaces in ARN and times)',
    event: () => edited('17-lambda-action-metric-docs-copy.json', (e) => pointCwAtApi(e['alarmData'] as Json)),
    expected: {
      region: 'us-east-1',
      accountId: '444455556666',
      source: 'lambda-action',
      stateChangeTime: '2023-08-04T12:36:15.490Z',
      api: REST_PROD,
    },
  },
  {
    file: '18 (Lambda action, metric math; account from the ARN, not accountId)',
    event: () => edited('18-lambda-action-metricmath-powertools.json', (e) => pointCwAtApi(e['alarmData'] as Json)),
    expected: {
      region: 'eu-west-1',
      accountId: '912397435824',
      api: REST_PROD,
      metric: expect.objectContaining({ expression: 'm1/m2' }),
    },
  },
  {
    file: '19 (Lambda action, composite: children in reasonData)',
    event: () =>
      edited('19-lambda-action-composite-powertools.json', (e) => {
        const state = (e['alarmData'] as Json)['state'] as Json;
        state['reasonData'] = JSON.stringify({ triggeringAlarms: [{ arn: childArn('us-east-1', '111122223333') }] });
      }),
    expected: { region: 'us-east-1', accountId: '111122223333', api: REST_PROD },
  },
  {
    file: '21 (raw SNS message, ExtendedStatistic, OK)',
    event: () => withSnsMessage(readCorpus('21-sns-message-metric-extendedstatistic-ok-2022.json'), pointSnsAtApi),
    expected: {
      region: 'us-west-1',
      state: 'OK',
      api: REST_PROD,
      metric: expect.objectContaining({ statistic: 'Average', periodSeconds: 300 }),
    },
  },
])('corpus file $file pointed at an API stage', ({ event, expected }) => {
  it('parses into an incident of that stage', () => {
    const incident = parseAlarmEvent(event());
    expect(incident).toEqual(expect.objectContaining(expected));
    expect(Date.parse(incident.window.end)).toBeGreaterThanOrEqual(Date.parse(incident.stateChangeTime));
    expect(Date.parse(incident.window.end) - Date.parse(incident.stateChangeTime)).toBeLessThan(60_000);
    expect(Date.parse(incident.window.start)).toBeLessThanOrEqual(Date.parse(incident.stateChangeTime) - 15 * 60_000);
  });
});

describe.each([
  ['01-sns-lambda-event-metric-ec2-console-template.json', 'no region'],
  ['05-sns-message-metric-localstack-recorded-2026.json', 'state-change time'],
  ['06-sns-lambda-event-metricmath-console-template.json', 'no region'],
])('template %s pointed at an API stage', (file, why) => {
  it(`is rejected as an invalid alarm (${why}): placeholders are not a region`, () => {
    const error = rejection(withSnsMessage(readCorpus(file), pointSnsAtApi));
    expect(error).toBeInstanceOf(MalformedEventError);
    expect(error.reason).toBe('INVALID_ALARM');
    expect(error.message).toContain(why);
  });
});

describe("this project's alarms in every delivery shape", () => {
  const expected = {
    alarmName: projectAlarmName({}),
    alarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${projectAlarmName({})}`,
    state: 'ALARM',
    stateChangeTime: '2025-05-01T12:03:00.000Z',
    region: REGION,
    accountId: ACCOUNT,
    api: { kind: 'REST', name: 'orders-api', stage: 'prod' },
  };

  it.each([
    ['SNS to Lambda', () => snsLambdaEvent(alarmMessage()), 'sns'],
    ['SNS HTTP envelope', () => snsEnvelope(alarmMessage()), 'sns'],
    ['SNS envelope as a JSON string (HTTP body)', () => JSON.stringify(snsEnvelope(alarmMessage())), 'sns'],
    ['raw message delivery', () => alarmMessage(), 'sns'],
    [
      'SNS to SQS to Lambda',
      () => ({
        Records: [{ eventSource: 'aws:sqs', messageId: 'm-1', body: JSON.stringify(snsEnvelope(alarmMessage())) }],
      }),
      'sns',
    ],
    ['EventBridge', () => eventBridgeEvent(), 'eventbridge'],
    ['EventBridge through SNS', () => snsLambdaEvent(eventBridgeEvent()), 'sns'],
    ['alarm Lambda action', () => lambdaActionEvent(), 'lambda-action'],
  ])('%s', (_name, build, source) => {
    expect(parseAlarmEvent(build())).toEqual(expect.objectContaining({ ...expected, source }));
  });

  it('reads the HTTP API id from the ApiId dimension', () => {
    const incident = parseAlarmEvent(
      snsLambdaEvent(alarmMessage({ kind: 'HTTP', api: 'a1b2c3d4e5', stage: '$default' })),
    );
    expect(incident.api).toEqual({ kind: 'HTTP', id: 'a1b2c3d4e5', stage: '$default' });
  });

  it('reads the API of a metric-math 5XX-rate alarm from the MetricStat dimensions', () => {
    const incident = parseAlarmEvent(snsLambdaEvent(alarmMessage({ signal: '5xx-rate' })));
    expect(incident.api).toEqual({ kind: 'REST', name: 'orders-api', stage: 'prod' });
    expect(incident.metric).toEqual({
      namespace: 'AWS/ApiGateway',
      metricName: '5XXError',
      statistic: 'Sum',
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: 5,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
    });
  });

  it('falls back to the alarm name when metric math hides the dimensions', () => {
    const message = alarmMessage({ signal: '5xx-rate', kind: 'HTTP', api: 'zz9plural9', stage: 'beta' });
    for (const query of (message['Trigger'] as { Metrics: Json[] }).Metrics) delete query['MetricStat'];
    expect(parseAlarmEvent(message).api).toEqual({ kind: 'HTTP', id: 'zz9plural9', stage: 'beta' });
  });

  it("falls back to the description's machine-readable line when the name was changed", () => {
    const message: Json = { ...alarmMessage({ signal: '5xx-rate' }), AlarmName: 'orders 5xx rate (renamed)' };
    for (const query of (message['Trigger'] as { Metrics: Json[] }).Metrics) delete query['MetricStat'];
    expect(parseAlarmEvent(message).api).toEqual({ kind: 'REST', name: 'orders-api', stage: 'prod' });
  });

  it('rejects a metric-math alarm over two API stages as ambiguous', () => {
    const message = alarmMessage({ signal: '5xx-rate' });
    const metrics = (message['Trigger'] as { Metrics: Json[] }).Metrics;
    ((metrics[2]!['MetricStat'] as Json)['Metric'] as Json)['Dimensions'] = [
      { name: 'ApiName', value: 'billing-api' },
      { name: 'Stage', value: 'prod' },
    ];
    message['AlarmName'] = 'two apis';
    message['AlarmDescription'] = null;
    const error = rejection(message);
    expect(error.reason).toBe('NOT_API_GATEWAY');
    expect(error.message).toContain('several API stages');
  });

  it('rejects an API Gateway alarm without a Stage dimension with the reason', () => {
    const message = alarmMessage();
    const trigger = message['Trigger'] as Json;
    trigger['Dimensions'] = [{ name: 'ApiName', value: 'orders-api' }];
    message['AlarmName'] = 'orders all stages';
    message['AlarmDescription'] = '';
    const error = rejection(message);
    expect(error.reason).toBe('NOT_API_GATEWAY');
    expect(error.message).toContain('without an API and Stage dimension');
  });

  it('takes the region from the ARN, never from the display name, and never reads the Subject', () => {
    const message = { ...alarmMessage(), Region: 'US East (N. Virginia)' };
    const event = snsLambdaEvent(message, { subject: 'OK: "something-else" in US East (N. Virginia)' });
    expect(parseAlarmEvent(event)).toEqual(
      expect.objectContaining({ region: REGION, state: 'ALARM', alarmName: projectAlarmName({}) }),
    );
  });

  it('ignores keys it does not know and tolerates odd optional fields', () => {
    const message: Json = {
      ...alarmMessage(),
      AlarmTags: [{ Key: 'team', Value: 'payments' }],
      ActionExecutedAfterMuteWindow: false,
      AlarmDescription: null,
      OldStateValue: 42,
    };
    (message['Trigger'] as Json)['Unit'] = 'None';
    (message['Trigger'] as Json)['Period'] = 'sixty';
    const incident = parseAlarmEvent(message);
    expect(incident.api).toEqual(REST_PROD);
    expect(incident.previousState).toBeUndefined();
    expect(incident.metric.periodSeconds).toBeUndefined();
  });

  it('looks a few evaluation periods back from the state change', () => {
    const incident = parseAlarmEvent(alarmMessage({ signal: 'p99-latency', time: '2025-05-01T12:30:00.000Z' }));
    expect(incident.metric).toEqual(
      expect.objectContaining({ statistic: 'p99', metricName: 'Latency', periodSeconds: 60, evaluationPeriods: 3 }),
    );
    // 3 evaluation periods of 1 minute + 2 is 5 minutes: raised to the 15-minute minimum.
    expect(incident.window).toEqual({ start: '2025-05-01T12:15:00.000Z', end: '2025-05-01T12:30:00.000Z' });
  });

  it('looks further back for long evaluation periods, at most 3 hours', () => {
    const message = alarmMessage({ time: '2025-05-01T12:30:10.000Z' });
    (message['Trigger'] as Json)['Period'] = 300;
    (message['Trigger'] as Json)['EvaluationPeriods'] = 5;
    expect(parseAlarmEvent(message).window).toEqual({
      start: '2025-05-01T11:55:00.000Z',
      end: '2025-05-01T12:31:00.000Z',
    });
    (message['Trigger'] as Json)['EvaluationPeriods'] = 100;
    expect(parseAlarmEvent(message).window).toEqual({
      start: '2025-05-01T09:30:00.000Z',
      end: '2025-05-01T12:31:00.000Z',
    });
  });

  it('reads every record of an SQS batch, each on its own', () => {
    const event = {
      Records: [
        { eventSource: 'aws:sqs', messageId: '1', body: JSON.stringify(snsEnvelope(alarmMessage())) },
        { eventSource: 'aws:sqs', messageId: '2', body: 'not json' },
      ],
    };
    const outcomes = parseAlarmEvents(event);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.reason))).toEqual(['ok', 'NOT_JSON']);
  });
});

describe('malformed events', () => {
  const huge = 'x'.repeat(MAX_MESSAGE_BYTES + 1);

  it.each([
    ['undefined', undefined, 'EMPTY'],
    ['null', null, 'EMPTY'],
    ['an empty body', '', 'EMPTY'],
    ['a blank body', '   \n', 'EMPTY'],
    ['an empty object', {}, 'EMPTY'],
    ['no records', { Records: [] }, 'EMPTY'],
    ['a non-JSON body', 'ALARM: orders-api is down', 'NOT_JSON'],
    ['an SNS record whose message is not JSON', snsLambdaEvent('ALARM: orders-api is down'), 'NOT_JSON'],
    ['an SNS record with an empty message', snsLambdaEvent(''), 'EMPTY'],
    [
      'an S3 event',
      {
        Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', s3: { bucket: { name: 'b' }, object: { key: 'k' } } }],
      },
      'UNKNOWN_SHAPE',
    ],
    ['an API Gateway proxy request', { resource: '/', httpMethod: 'GET', headers: {}, body: null }, 'UNKNOWN_SHAPE'],
    ['an SNS message from another service', snsLambdaEvent({ notificationType: 'Bounce', mail: {} }), 'UNKNOWN_SHAPE'],
    [
      'an EventBridge event of another type',
      { 'detail-type': 'EC2 Instance State-change Notification', source: 'aws.ec2', detail: {} },
      'UNKNOWN_SHAPE',
    ],
    ['a subscription confirmation', snsEnvelope('{}', 'SubscriptionConfirmation'), 'NOT_A_NOTIFICATION'],
    [
      'an alarm with no API dimensions',
      {
        ...alarmMessage(),
        AlarmName: 'cpu',
        AlarmDescription: null,
        Trigger: { MetricName: '5XXError', Namespace: 'AWS/ApiGateway', Dimensions: [] },
      },
      'NOT_API_GATEWAY',
    ],
    ['an alarm with an unknown state', { ...alarmMessage(), NewStateValue: 'BROKEN' }, 'INVALID_ALARM'],
    ['an alarm without a state-change time', { ...alarmMessage(), StateChangeTime: undefined }, 'INVALID_ALARM'],
    ['a huge message', snsLambdaEvent(huge), 'TOO_LARGE'],
    ['a huge body', huge, 'TOO_LARGE'],
    ['a number', 42, 'UNKNOWN_SHAPE'],
    ['an array', [alarmMessage()], 'UNKNOWN_SHAPE'],
  ])('%s → rejected (%s)', (_what, event, reason) => {
    const error = rejection(event);
    expect(error).toBeInstanceOf(AlarmEventError);
    expect(error.reason).toBe(reason);
  });

  it('keeps identifying fields of the raw event for the log, not its body', () => {
    const error = rejection(snsLambdaEvent('ALARM: password=hunter2', { messageId: 'abc-123' }));
    expect(error.identifiers).toEqual({
      shape: 'sns-lambda',
      eventSource: 'aws:sns',
      messageId: 'abc-123',
      topicArn: TOPIC_ARN,
      sizeBytes: 23,
    });
    expect(JSON.stringify(error.identifiers)).not.toContain('hunter2');
  });

  it('parseAlarmEvent throws the typed error', () => {
    expect(() => parseAlarmEvent('nope')).toThrow(MalformedEventError);
    expect(() => parseAlarmEvent(readCorpus('12-eventbridge-metric-ec2-docs.json'))).toThrow(NotApiGatewayAlarmError);
  });
});
