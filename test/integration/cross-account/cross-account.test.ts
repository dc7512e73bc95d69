/**
 * Cross-account diagnosis on the emulator. moto keeps one world per account and ties credentials
 * from STS AssumeRole to the role's account, so this test builds a real member account: as that
 * account (assumed-role credentials) it creates the read role, a broken API with its backend
 * function, logs and metrics, and the API's alarm in the claimed state. The member's alarm then
 * reaches the responder as EventBridge delivers it from an organisation bus, and the real handler
 * runs in-process (parser, provenance gate, DynamoDB store, diagnosis, classifier, Slack stand-in).
 *
 *   with the role     the gate reads the alarm in the member's CloudWatch (a forged OK is refused),
 *                     the diagnosis finds the API, its function and its logs there and names the
 *                     cause; one AssumeRole serves the whole invocation.
 *   without the role  the responder reads nothing, although its own account holds an API of the
 *                     same name that is failing too (the same application deployed in both
 *                     accounts): it says the member has no read role and that the diagnosis was
 *                     skipped, instead of naming that other API's cause.
 *
 * moto does not enforce IAM trust or permission policies: what the role may do is tested on the
 * synthesized templates (test/infra/cross-account.test.ts), not here.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { parseAlarmEvent } from '../../../functions/events/parse-event';
import { DynamoIncidentStore } from '../../../functions/incidents/dynamo-store';
import { eventKeyOf } from '../../../functions/incidents/grouping';
import type { EventReport } from '../../../functions/responder/invocation';
import type { ResponderRuntimeConfig } from '../../../functions/runtime-config';
import { RUNTIME_CONFIG_ENV } from '../../../functions/runtime-config';
import type { IncidentSummary } from '../../../functions/types';
import { eventBridgeEvent, type AlarmSpec } from '../../../scripts/sandbox/alarm-notification';
import {
  SANDBOX_ACCOUNT,
  SANDBOX_REGION,
  requireSandboxEndpoint,
  sandboxClientConfig,
} from '../../../scripts/sandbox/env';
import type { ResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import { startResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import { seedScenario, type SeededScenario } from '../../../scripts/sandbox/seed';
import {
  actAs,
  configure as configureFor,
  createReadRole,
  deliverMemberAlarm,
  MEMBER,
  READ_ROLE,
  seedMemberIncident as seedIn,
} from './member-account';

jest.setTimeout(180_000);

let endpoint: string;
let sandbox: ResponderSandbox;
let store: DynamoIncidentStore;
let member: AwsCredentialIdentity;
let baseConfig: ResponderRuntimeConfig;

const seedMemberIncident = () => seedIn(endpoint, member);
const configure = (seeded: SeededScenario, withRole: boolean) => configureFor(baseConfig, seeded, withRole);
const deliver = (spec: AlarmSpec): Promise<EventReport[]> => deliverMemberAlarm(sandbox, spec);

async function summaryOf(spec: AlarmSpec): Promise<IncidentSummary> {
  const incident = parseAlarmEvent(eventBridgeEvent({ ...spec, region: SANDBOX_REGION, account: MEMBER }));
  const summary = (await store.getEvent(eventKeyOf(incident)))?.summary;
  if (summary === undefined) throw new Error('no summary recorded');
  return summary;
}

beforeAll(async () => {
  endpoint = requireSandboxEndpoint();
  sandbox = await startResponderSandbox({ endpoint, webhook: false });
  baseConfig = JSON.parse(process.env[RUNTIME_CONFIG_ENV] ?? '{}') as ResponderRuntimeConfig;
  store = new DynamoIncidentStore({
    tableName: sandbox.tableName,
    client: new DynamoDBClient(sandboxClientConfig(endpoint)),
  });
  member = await actAs(endpoint, MEMBER);
  await createReadRole(endpoint, member);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await sandbox?.stop();
});

describe("an API in another account, diagnosed through that account's read role", () => {
  it('verifies the alarm in the member account, finds the API there and names the cause; one AssumeRole per invocation', async () => {
    const { seeded, spec } = await seedMemberIncident();
    await configure(seeded, true);
    const send = jest.spyOn(STSClient.prototype, 'send');

    const reports = await deliver(spec);

    expect(reports).toEqual([expect.objectContaining({ outcome: 'open', delivered: ['slack'], failed: [] })]);
    const assumeRoles = send.mock.calls.map(([command]) => command).filter((c) => c instanceof AssumeRoleCommand);
    expect(assumeRoles.map((c) => c.input)).toEqual([
      { RoleArn: READ_ROLE, RoleSessionName: `apigw-responder@REST.${seeded.apiName}.prod`, DurationSeconds: 900 },
    ]);
    const summary = await summaryOf(spec);
    expect(summary.accountId).toBe(MEMBER);
    expect(summary.leading?.class).toBe('INTEGRATION_TIMEOUT');
    expect(summary.notChecked.map((n) => n.why).join('\n')).not.toMatch(/read role|could not assume/);
    // The member's API, resolved by name in the member account, and its function's settings.
    expect(JSON.stringify(summary)).toContain(seeded.apiId);
    expect(JSON.stringify(sandbox.destinations.slackMessages())).toContain(seeded.apiId);

    // The gate asks the member's CloudWatch: an OK it contradicts (still ALARM there) is refused.
    const forged = await deliver({ ...spec, state: 'OK', time: new Date(Date.now() + 60_000).toISOString() });
    expect(forged).toEqual([expect.objectContaining({ outcome: 'rejected', reason: 'STATE_MISMATCH' })]);
    // Each invocation assumes afresh: its session names its own incident.
    expect(send.mock.calls.filter(([command]) => command instanceof AssumeRoleCommand)).toHaveLength(2);
  });

  it("without a read role: skips the diagnosis rather than diagnose this account's same-named API", async () => {
    const { seeded, spec } = await seedMemberIncident();
    // The same application in the responder's own account, failing the same way: reading it by
    // name would give a confident, wrong root cause for the member's incident.
    const twin = await seedScenario(endpoint, 'integration-timeout', {
      apiName: seeded.apiName,
      now: new Date(Date.now() - 7 * 60_000),
    });
    await configure(seeded, false);
    const send = jest.spyOn(STSClient.prototype, 'send');
    send.mockClear();

    const reports = await deliver(spec);

    expect(reports).toEqual([expect.objectContaining({ outcome: 'open', delivered: ['slack'] })]);
    expect(send.mock.calls.filter(([command]) => command instanceof AssumeRoleCommand)).toEqual([]);
    const summary = await summaryOf(spec);
    expect(summary.notChecked[0]).toEqual({
      what: `the API in account ${MEMBER}`,
      why: `no read role for account ${MEMBER}: diagnosis skipped (account ${SANDBOX_ACCOUNT}'s credentials would read another API of the same name)`,
      fix: expect.stringContaining('crossAccountRoles'),
    });
    expect(summary.alarmStateUnverified).toContain(`no read role for account ${MEMBER}`);
    expect(summary.leading?.class).not.toBe('INTEGRATION_TIMEOUT');
    expect(JSON.stringify(summary)).not.toContain(twin.apiId);
    expect(JSON.stringify(summary)).not.toContain(seeded.apiId);
  });
});
