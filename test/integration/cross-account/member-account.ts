/**
 * A member account on the emulator, for the cross-account integration tests. moto keeps one world
 * per account and ties credentials from STS AssumeRole to the role's account, so the member is
 * built through assumed credentials: its read role, a broken API with its backend function, logs
 * and metrics, and the API's alarm in ALARM in the member's CloudWatch. Its alarm then reaches the
 * responder as an organisation's EventBridge bus delivers it, and the real handler runs in-process.
 */
import { randomUUID } from 'node:crypto';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { EventReport } from '../../../functions/responder/invocation';
import type { ResponderRuntimeConfig } from '../../../functions/runtime-config';
import { RUNTIME_CONFIG_ENV } from '../../../functions/runtime-config';
import { eventBridgeEvent, type AlarmSpec } from '../../../scripts/sandbox/alarm-notification';
import { putAlarmInState } from '../../../scripts/sandbox/emulated-alarm';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, sandboxClientConfig } from '../../../scripts/sandbox/env';
import type { ResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import { seedClients, seedScenario, type SeededScenario } from '../../../scripts/sandbox/seed';
import { lambdaContext } from '../../../scripts/sandbox/sns-lambda-adapter';

export const MEMBER = '210987654321';
export const READ_ROLE = `arn:aws:iam::${MEMBER}:role/apigw-responder-read`;

/** Credentials that act in `account` on the emulator, as an administrator there would have. */
export async function actAs(endpoint: string, account: string): Promise<AwsCredentialIdentity> {
  const sts = new STSClient(sandboxClientConfig(endpoint));
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/admin`, RoleSessionName: 'test-setup' }),
  );
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
}

/**
 * The read role, created in the member account (bin/member-read-role.ts deploys it for real). The
 * test files share one emulator: a role another file created is the same role.
 */
export async function createReadRole(endpoint: string, member: AwsCredentialIdentity): Promise<void> {
  const iam = new IAMClient({ ...sandboxClientConfig(endpoint), credentials: member });
  await iam.send(new GetRoleCommand({ RoleName: 'apigw-responder-read' })).then(
    () => undefined,
    () => createRole(iam),
  );
}

async function createRole(iam: IAMClient): Promise<void> {
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'apigw-responder-read',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${SANDBOX_ACCOUNT}:root` },
            Action: 'sts:AssumeRole',
            Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${SANDBOX_ACCOUNT}:role/responder` } },
          },
        ],
      }),
    }),
  );
}

/** A broken API in the member account and its alarm, in ALARM in the member's CloudWatch. */
export async function seedMemberIncident(
  endpoint: string,
  member: AwsCredentialIdentity,
): Promise<{ seeded: SeededScenario; spec: AlarmSpec }> {
  const seeded = await seedScenario(seedClients(endpoint, SANDBOX_REGION, member), 'integration-timeout', {
    accountId: MEMBER,
    // In the past: moto stamps the alarm's state change with its own clock (see emulated-alarm.ts).
    now: new Date(Date.now() - 7 * 60_000),
  });
  const spec: AlarmSpec = { api: seeded.apiName, stage: seeded.stage, time: seeded.stateChangeTime };
  const cloudWatch = new CloudWatchClient({ ...sandboxClientConfig(endpoint), credentials: member });
  await putAlarmInState(cloudWatch, { ...spec, region: SANDBOX_REGION, account: MEMBER });
  return { seeded, spec };
}

/** The responder's configuration: the member trusted, its API watched, its read role when `withRole`. */
export async function configure(
  base: ResponderRuntimeConfig,
  seeded: SeededScenario,
  withRole: boolean,
): Promise<void> {
  const config: ResponderRuntimeConfig = {
    ...base,
    watched: [{ kind: 'REST', name: seeded.apiName, stages: [seeded.stage], discovery: 'account-wide' }],
    trust: { ...base.trust, trustedAccounts: [MEMBER] },
    ...(withRole ? { crossAccountRoles: [{ roleArn: READ_ROLE }] } : {}),
  };
  process.env[RUNTIME_CONFIG_ENV] = JSON.stringify(config);
  // Loaded after the sandbox set the environment (its log level, the emulator's endpoint).
  await (await import('../../../functions/responder/handler')).resetRuntime();
}

/** The member's alarm as the organisation's EventBridge bus delivers it; the handler's reports. */
export function deliverMemberAlarm(sandbox: ResponderSandbox, spec: AlarmSpec): Promise<EventReport[]> {
  const event = eventBridgeEvent({ ...spec, region: SANDBOX_REGION, account: MEMBER });
  return sandbox.handler(event, lambdaContext(60_000, randomUUID()));
}
