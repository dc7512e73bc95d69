/**
 * The incident graph of a member account's API, through the real handler on the emulator: the
 * member's alarm arrives as an organisation's EventBridge bus delivers it, the responder assumes
 * the member's read role (moto's STS), diagnoses there, and asks CloudWatch for the graph.
 *
 * moto (5.2.5) has no GetMetricWidgetImage: the CloudWatch client's endpoint is a local stand-in
 * (scripts/sandbox/fake-metric-widget.ts) that answers that one operation in the recorded wire
 * format and passes every other CloudWatch call (the gate's DescribeAlarms, the probes'
 * GetMetricData) on to moto. It records the access key id each request was signed with: the
 * graph must be drawn with the credentials STS issued for the member's read role.
 *
 *   with the role     the Jira issue gets the PNG, drawn with the read role's session (the same
 *                     AssumeRole as the diagnosis: one per invocation).
 *   without the role  nothing is drawn, in either account; the Slack thread and the Jira issue say
 *                     "No graph: no read role for account <member>".
 */
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ResponderRuntimeConfig } from '../../../functions/runtime-config';
import { RUNTIME_CONFIG_ENV } from '../../../functions/runtime-config';
import { requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import { startFakeMetricWidget, type FakeMetricWidget } from '../../../scripts/sandbox/fake-metric-widget';
import { startResponderSandbox, type ResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import {
  actAs,
  configure,
  createReadRole,
  deliverMemberAlarm,
  MEMBER,
  READ_ROLE,
  seedMemberIncident,
} from './member-account';

jest.setTimeout(180_000);

const CLOUDWATCH_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_CLOUDWATCH';

let endpoint: string;
let sandbox: ResponderSandbox;
let widget: FakeMetricWidget;
let member: AwsCredentialIdentity;
let baseConfig: ResponderRuntimeConfig;

beforeAll(async () => {
  endpoint = requireSandboxEndpoint();
  widget = await startFakeMetricWidget(endpoint);
  // The SDK's service-specific endpoint: CloudWatch through the stand-in, everything else to moto.
  process.env[CLOUDWATCH_ENDPOINT_ENV] = widget.url;
  sandbox = await startResponderSandbox({ endpoint, webhook: false, paging: true });
  baseConfig = JSON.parse(process.env[RUNTIME_CONFIG_ENV] ?? '{}') as ResponderRuntimeConfig;
  member = await actAs(endpoint, MEMBER);
  await createReadRole(endpoint, member);
});

afterAll(async () => {
  jest.restoreAllMocks();
  delete process.env[CLOUDWATCH_ENDPOINT_ENV];
  await sandbox?.stop();
  await widget?.close();
});

/** The key ids STS issued for the read role during `run`. */
async function issuedForReadRole(run: () => Promise<unknown>): Promise<string[]> {
  const send = jest.spyOn(STSClient.prototype, 'send');
  send.mockClear();
  await run();
  const issued: string[] = [];
  for (const [index, [command]] of send.mock.calls.entries()) {
    if (!(command instanceof AssumeRoleCommand) || command.input.RoleArn !== READ_ROLE) continue;
    const output = (await send.mock.results[index]?.value) as AssumeRoleCommandOutput;
    issued.push(output.Credentials?.AccessKeyId ?? '');
  }
  send.mockRestore();
  return issued;
}

/** The Jira issue of the member's API (its summary names the API). */
const issueOf = (apiName: string) =>
  sandbox.destinations.jiraIssues().find((issue) => JSON.stringify(issue.fields).includes(apiName));

describe('the graph of an API in another account', () => {
  it("is drawn in the member account with its read role's session and attached to the issue", async () => {
    const { seeded, spec } = await seedMemberIncident(endpoint, member);
    await configure(baseConfig, seeded, true);
    const before = widget.requests().length;

    const issued = await issuedForReadRole(async () => {
      const reports = await deliverMemberAlarm(sandbox, spec);
      expect(reports).toEqual([expect.objectContaining({ outcome: 'open', failed: [] })]);
    });

    // One session for the gate, the probes and the graph of this incident.
    expect(issued).toHaveLength(1);
    // Drawn for each destination that posts the image (the Slack thread, the Jira issue), each
    // time with the read role's session: never with the responder's own credentials.
    const drawn = widget.requests().slice(before);
    expect(drawn.map((r) => r.accessKeyId)).toEqual([issued[0], issued[0]]);
    expect(JSON.stringify(drawn[0]?.widget['metrics'])).toContain(`"ApiName","${seeded.apiName}","Stage","prod"`);
    expect(issueOf(seeded.apiName)?.attachments).toEqual([expect.stringMatching(/\.png$/)]);
  });

  it('without a read role: nothing drawn in either account, and the thread and the issue say why', async () => {
    const { seeded, spec } = await seedMemberIncident(endpoint, member);
    await configure(baseConfig, seeded, false);
    const before = widget.requests().length;

    const reports = await deliverMemberAlarm(sandbox, spec);

    expect(reports).toEqual([expect.objectContaining({ outcome: 'open', failed: [] })]);
    expect(widget.requests().slice(before)).toEqual([]);
    const why = `No graph: no read role for account ${MEMBER}`;
    const parent = sandbox.destinations
      .slackMessages()
      .find((m) => m.thread_ts === undefined && m.text.includes(seeded.apiName));
    const thread = sandbox.destinations.slackMessages().filter((m) => m.thread_ts === parent?.ts);
    expect(thread.map((m) => m.text)).toContainEqual(expect.stringContaining(why));
    const issue = issueOf(seeded.apiName);
    expect(issue?.attachments).toEqual([]);
    expect(JSON.stringify(issue?.comments)).toContain(why);
  });
});
