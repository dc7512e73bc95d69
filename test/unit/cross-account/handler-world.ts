/**
 * The real responder Lambda (middy, Powertools logs and metrics, the real wiring, gate, read-role
 * sessions and diagnosis pipeline) with read roles configured, and the AWS SDK mocked at the
 * client: STS hands out real-looking credentials (or fails as told), CloudWatch answers
 * DescribeAlarms in its real shape (or refuses the member's role as told), Secrets Manager holds
 * the Slack webhook. The store is the in-memory one (its records are what a test inspects), and
 * Slack's webhook is a recording fetch. Everything the function writes to stdout and stderr is
 * captured: log lines and the metrics' EMF documents.
 *
 * The probes' registry is replaced by the test file (jest.mock) with a probe that reports the
 * credentials it was given through `probeSaw`.
 */
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { MemoryIncidentStore } from '../../../functions/incidents/memory-store';
import type * as Handler from '../../../functions/responder/handler';
import type { EventReport } from '../../../functions/responder/invocation';
import type { ResponderRuntimeConfig } from '../../../functions/runtime-config';
import type { Classification, Diagnosis } from '../../../functions/types';
import { alarmMessage, snsLambdaEvent, type AlarmSpec } from '../../../scripts/sandbox/alarm-notification';
import { lambdaContext } from '../../../scripts/sandbox/sns-lambda-adapter';
import { CONFIG, MEMBER } from './support';

/** Credentials in the exact formats STS issues (an ASIA key id, a 40-character secret, an IQoJ token). */
export const ISSUED = {
  AccessKeyId: 'ASIAZ7Q3XK5M2EXAMPLE',
  SecretAccessKey: 'k7Rz2Qp9Xw3Lm8Nv4Bt6Yc1Hd5Gf0Js2Ue7Wa9Pq',
  SessionToken: `IQoJb3JpZ2luX2VjEPr//////////wEaCWV1LXdlc3QtMSJHMEUCIQD${'Zm9yZ2VkLXNlc3Npb24tdG9rZW4'.repeat(12)}`,
} as const;

export const WORLD_CONFIG: ResponderRuntimeConfig = {
  ...CONFIG,
  watched: [
    { kind: 'REST', name: 'orders-api', stages: ['prod'] },
    { kind: 'REST', name: 'billing-api', stages: ['prod'] },
  ],
};

const FIXED: Classification = { class: 'UNKNOWN', confidence: 0.2, hypotheses: [], evidence: [], missing: [] };

export function handlerWorld() {
  const sts = mockClient(STSClient);
  const cloudWatch = mockClient(CloudWatchClient);
  const secrets = mockClient(SecretsManagerClient);
  let handler: typeof Handler;
  const store = new MemoryIncidentStore();
  const posted: string[] = [];
  const diagnoses: Diagnosis[] = [];
  const output: string[] = [];
  let stsFailures: Error[] = [];
  /** Accounts whose CloudWatch refuses DescribeAlarms to the read role (an out-of-date member stack). */
  const denyAlarmsIn = new Set<string>();

  let issued = 0;
  sts.on(AssumeRoleCommand).callsFake((input: AssumeRoleCommandInput) => {
    const failure = stsFailures.shift();
    if (failure !== undefined) throw failure;
    issued += 1;
    // The first session gets ISSUED; each later one its own key id (one session per incident).
    const keyId =
      issued === 1 ? ISSUED.AccessKeyId : `${ISSUED.AccessKeyId.slice(0, -2)}${String(issued).padStart(2, '0')}`;
    return {
      Credentials: { ...ISSUED, AccessKeyId: keyId, Expiration: new Date(Date.now() + 900_000) },
      AssumedRoleUser: {
        AssumedRoleId: `AROAZ7Q3XK5M2EXAMPLE:${input.RoleSessionName ?? ''}`,
        Arn: `arn:aws:sts::${MEMBER}:assumed-role/apigw-responder-read/${input.RoleSessionName ?? ''}`,
      },
    };
  });
  cloudWatch.on(DescribeAlarmsCommand).callsFake(async (input: { AlarmNames?: string[] }, getClient) => {
    const key = (await getClient().config.credentials()).accessKeyId;
    // The member's read role: any key STS issued here (each session has its own).
    if (key.startsWith(ISSUED.AccessKeyId.slice(0, 16)) && denyAlarmsIn.has(MEMBER)) {
      throw Object.assign(
        new Error(
          `User: arn:aws:sts::${MEMBER}:assumed-role/apigw-responder-read/x is not authorized to perform: cloudwatch:DescribeAlarms on resource: arn:aws:cloudwatch:eu-west-1:${MEMBER}:alarm:${input.AlarmNames?.[0] ?? ''} because no identity-based policy allows the cloudwatch:DescribeAlarms action`,
        ),
        { name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } },
      );
    }
    return {
      MetricAlarms: (input.AlarmNames ?? []).map((name) => ({
        AlarmName: name,
        StateValue: 'ALARM',
        StateUpdatedTimestamp: new Date(),
      })),
      CompositeAlarms: [],
    };
  });
  secrets
    .on(GetSecretValueCommand)
    .resolves({ SecretString: 'https://hooks.slack.com/services/T0TEST/B0TEST/webhookpath' });

  const write = (chunk: string | Uint8Array): boolean => {
    output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };

  async function start(): Promise<void> {
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_DEV: 'false',
      RESPONDER_CONFIG: JSON.stringify(WORLD_CONFIG),
    });
    jest.spyOn(process.stdout, 'write').mockImplementation(write);
    jest.spyOn(process.stderr, 'write').mockImplementation(write);
    handler = await import('../../../functions/responder/handler');
    const fetch: typeof globalThis.fetch = (_url, init) => {
      posted.push(typeof init?.body === 'string' ? init.body : '');
      return Promise.resolve(new Response('ok', { status: 200 }));
    };
    await handler.resetRuntime({
      fetch,
      overrides: {
        store,
        // The real diagnosis pipeline runs; its result is kept here before the summary is built.
        classify: (diagnosis) => {
          diagnoses.push(diagnosis);
          return Promise.resolve(FIXED);
        },
        remediate: () => Promise.resolve(undefined),
        sleep: () => Promise.resolve(),
      },
    });
  }

  function stop(): void {
    jest.restoreAllMocks();
    sts.restore();
    cloudWatch.restore();
    secrets.restore();
    delete process.env['RESPONDER_CONFIG'];
  }

  /** One invocation of one event holding the given alarms (SNS records); the reports, or the error. */
  async function invoke(specs: readonly AlarmSpec[]): Promise<{ reports?: EventReport[]; error?: Error }> {
    const event = { Records: specs.flatMap((spec) => snsLambdaEvent(alarmMessage(spec)).Records) };
    try {
      const reports = await handler.handler(event, lambdaContext(60_000, `req-${output.length}`));
      return { reports };
    } catch (error) {
      return { error: error as Error };
    }
  }

  return {
    start,
    stop,
    invoke,
    store,
    posted,
    diagnoses,
    sts,
    denyAlarmsIn,
    failStsNext: (...errors: Error[]) => {
      stsFailures = [...errors];
    },
    /** Everything the function wrote (log lines and EMF metric documents). */
    output: (): string => output.join(''),
    /** Every stored record, as text. */
    records: (): string => JSON.stringify([...store.events.values(), ...store.incidents.values()]),
    sessionNames: (): string[] =>
      sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.RoleSessionName ?? ''),
    /** The EMF documents of a metric, as the function flushed them. */
    metric: (name: string): Record<string, unknown>[] =>
      output
        .join('')
        .split('\n')
        .filter((line) => line.includes('"CloudWatchMetrics"') && line.includes(`"${name}"`))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export type HandlerWorld = ReturnType<typeof handlerWorld>;
