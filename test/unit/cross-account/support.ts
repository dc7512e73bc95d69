/**
 * Test support for cross-account diagnosis: STS mocked with aws-sdk-client-mock (every STSClient,
 * including the one the wiring creates), answering AssumeRole in its real shape with credentials
 * that say which role they are for, and a runtime config that trusts a member account.
 */
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { ResponderRuntimeConfig } from '../../../functions/runtime-config';
import type { Incident } from '../../../functions/types';
import { RUNTIME_CONFIG } from '../../support/runtime-config';

export const OWN = RUNTIME_CONFIG.trust.account;
export const MEMBER = '111122223333';
export const OTHER_MEMBER = '444455556666';
export const UNLISTED = '777788889999';
export const MEMBER_ROLE = `arn:aws:iam::${MEMBER}:role/apigw-responder-read`;
export const OTHER_ROLE = `arn:aws:iam::${OTHER_MEMBER}:role/ops/apigw-responder-read`;
export const EXTERNAL_ID = 'org-monitoring-7f3a';

export const CONFIG: ResponderRuntimeConfig = {
  ...RUNTIME_CONFIG,
  trust: { ...RUNTIME_CONFIG.trust, trustedAccounts: [MEMBER, OTHER_MEMBER, UNLISTED] },
  crossAccountRoles: [{ roleArn: MEMBER_ROLE }, { roleArn: OTHER_ROLE, externalId: EXTERNAL_ID }],
};

/** The secret half of the credentials this mock hands out (handler-world.ts issues real-looking ones). */
export const SECRET_KEY_MARK = 'wJalrXUtnFEMI-K7MDENG';

/** Every STSClient mocked; AssumeRole answers with credentials naming the role and a counter. */
export function mockSts(expiresInMs = 15 * 60_000) {
  const sts = mockClient(STSClient);
  let issued = 0;
  sts.on(AssumeRoleCommand).callsFake((input: AssumeRoleCommandInput) => {
    issued += 1;
    const account = /::(\d{12}):/.exec(input.RoleArn ?? '')?.[1] ?? '?';
    return {
      Credentials: {
        AccessKeyId: `ASIA${account}${issued}`,
        SecretAccessKey: `${SECRET_KEY_MARK}${issued}`,
        SessionToken: `FwoGZXIvYXdzE-session-${issued}`,
        Expiration: new Date(Date.now() + expiresInMs),
      },
      AssumedRoleUser: {
        AssumedRoleId: `AROA${account}:${input.RoleSessionName ?? ''}`,
        Arn: `arn:aws:sts::${account}:assumed-role/apigw-responder-read/${input.RoleSessionName ?? ''}`,
      },
    };
  });
  const assumed = (): AssumeRoleCommandInput[] => sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input);
  return { sts, assumed };
}

/** An opening incident of orders-api/prod whose alarm is in `alarmAccount` (and metric in `metricAccount`). */
export function incidentIn(alarmAccount: string, metricAccount?: string): Incident {
  return {
    alarmName: 'apigw-responder|REST|orders-api|prod|5xx-count',
    alarmArn: `arn:aws:cloudwatch:eu-west-1:${alarmAccount}:alarm:apigw-responder|REST|orders-api|prod|5xx-count`,
    state: 'ALARM',
    stateChangeTime: '2025-05-01T12:03:00.000Z',
    region: 'eu-west-1',
    accountId: alarmAccount,
    api: { kind: 'REST', name: 'orders-api', stage: 'prod' },
    metric: metricAccount === undefined ? {} : { accountId: metricAccount },
    window: { start: '2025-05-01T11:50:00.000Z', end: '2025-05-01T12:04:00.000Z' },
    source: 'eventbridge',
  };
}
