/**
 * The incident graph of a member account's API: which account draws it, whose credentials sign
 * GetMetricWidgetImage, and what is said instead of a graph when the account cannot be read.
 * Through the real read-role wiring (accountClientsFor: sessions, clients per account); STS and
 * CloudWatch mocked with aws-sdk-client-mock, answering in the SDK's recorded shapes (the emulator
 * has no GetMetricWidgetImage).
 */
import { CloudWatchClient, GetMetricWidgetImageCommand } from '@aws-sdk/client-cloudwatch';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { diagnoseInApiAccount } from '../../../functions/cross-account/cross-account-diagnosis';
import { accountClientsFor } from '../../../functions/cross-account/read-role-wiring';
import { createAwsClients } from '../../../functions/diagnosis/clients';
import { accountGraph } from '../../../functions/notify/graph/account-graph';
import type { Diagnosis, Incident, IncidentSummary } from '../../../functions/types';
import { WIDGET_PNG } from '../../../scripts/sandbox/fake-metric-widget';
import { openSummary } from '../notify/support/summaries';
import { CONFIG, MEMBER, MEMBER_ROLE, mockSts, OWN, SECRET_KEY_MARK, UNLISTED } from './support';

/** A real 1×1 PNG, as GetMetricWidgetImage's MetricWidgetImage blob. */
const PNG = WIDGET_PNG;
const OWN_KEY = 'AKIAOWNRESPONDER0001';
/** The key id mockSts issues for the first session in MEMBER. */
const MEMBER_KEY = `ASIA${MEMBER}1`;

let sts: ReturnType<typeof mockSts>;
const mockCloudWatch = () => mockClient(CloudWatchClient);
let cloudWatch: ReturnType<typeof mockCloudWatch>;
/** The access key id each GetMetricWidgetImage was signed with, and the widget it asked for. */
let drawn: { key: string; widget: Record<string, unknown> }[];

beforeEach(() => {
  sts = mockSts();
  cloudWatch = mockCloudWatch();
  drawn = [];
  cloudWatch.on(GetMetricWidgetImageCommand).callsFake(async (input: { MetricWidget?: string }, getClient) => {
    const { accessKeyId } = await getClient().config.credentials();
    drawn.push({ key: accessKeyId, widget: JSON.parse(input.MetricWidget ?? '{}') as Record<string, unknown> });
    return { MetricWidgetImage: new Uint8Array(PNG) };
  });
});
afterEach(() => {
  sts.sts.restore();
  cloudWatch.restore();
});

function world() {
  const accounts = accountClientsFor(CONFIG, {
    own: (region) =>
      Promise.resolve(createAwsClients({ region, credentials: { accessKeyId: OWN_KEY, secretAccessKey: 'own' } })),
  });
  return { accounts, graph: accountGraph(accounts) };
}

/** The summary of an incident raised in `alarmAccount`, its metric in `metricAccount` when another. */
function summaryOf(alarmAccount: string, metricAccount?: string): IncidentSummary {
  return {
    ...openSummary(),
    accountId: alarmAccount,
    ...(metricAccount === undefined ? {} : { apiAccountId: metricAccount }),
  };
}

const signal = (): AbortSignal => AbortSignal.timeout(5_000);

describe('the account the graph is drawn in', () => {
  it("the responder's own API: with its own credentials, no role assumed", async () => {
    const graph = await world().graph(summaryOf(OWN), signal());

    expect(graph).toEqual({ png: new Uint8Array(PNG) });
    expect(drawn.map((d) => d.key)).toEqual([OWN_KEY]);
    expect(sts.assumed()).toEqual([]);
  });

  it("a member's alarm: in the member account, signed with its read role's session for this incident", async () => {
    const graph = await world().graph(summaryOf(MEMBER), signal());

    expect(graph).toEqual({ png: new Uint8Array(PNG) });
    expect(sts.assumed()).toEqual([
      { RoleArn: MEMBER_ROLE, RoleSessionName: 'apigw-responder@REST.orders-api.prod', DurationSeconds: 900 },
    ]);
    expect(drawn.map((d) => d.key)).toEqual([MEMBER_KEY]);
    expect(drawn[0]?.widget).toMatchObject({ region: 'eu-west-1', view: 'timeSeries' });
  });

  it("a cross-account METRIC alarm (the central account's alarm on a member's metric): in the member account", async () => {
    const graph = await world().graph(summaryOf(OWN, MEMBER), signal());

    expect(graph).toEqual({ png: new Uint8Array(PNG) });
    expect(sts.assumed().map((a) => a.RoleArn)).toEqual([MEMBER_ROLE]);
    expect(drawn.map((d) => d.key)).toEqual([MEMBER_KEY]);
  });

  it("shares the diagnosis' session: one AssumeRole for the incident's diagnosis and its graph", async () => {
    const { accounts, graph } = world();
    const incident: Incident = {
      alarmName: 'apigw-responder|REST|orders-api|prod|5xx-count',
      alarmArn: `arn:aws:cloudwatch:eu-west-1:${MEMBER}:alarm:apigw-responder|REST|orders-api|prod|5xx-count`,
      state: 'ALARM',
      stateChangeTime: openSummary().stateChangeTime,
      region: 'eu-west-1',
      accountId: MEMBER,
      api: { kind: 'REST', name: 'orders-api', stage: 'prod' },
      metric: {},
      window: { start: '2024-05-01T11:50:00.000Z', end: '2024-05-01T12:06:00.000Z' },
      source: 'sns',
    };
    await diagnoseInApiAccount(incident, { accounts, ownAccount: OWN, probes: ['metrics'] }, () =>
      Promise.resolve({} as Diagnosis),
    );

    await graph(summaryOf(MEMBER), signal());

    expect(sts.sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(drawn.map((d) => d.key)).toEqual([MEMBER_KEY]);
  });
});

describe('no graph, and why, when the API account cannot be read', () => {
  it('a member without a read role: no image from this account, "no read role for account X"', async () => {
    const graph = await world().graph(summaryOf(UNLISTED), signal());

    expect(graph).toEqual({ missing: expect.stringMatching(new RegExp(`^no read role for account ${UNLISTED}\\b`)) });
    expect(drawn).toEqual([]);
    expect(sts.assumed()).toEqual([]);
  });

  it('a role STS refuses: its reason, and nothing drawn', async () => {
    sts.sts.on(AssumeRoleCommand).rejects(
      Object.assign(
        new Error(
          `User: arn:aws:sts::${OWN}:assumed-role/responder/x is not authorized to perform: sts:AssumeRole on resource: ${MEMBER_ROLE}`,
        ),
        {
          name: 'AccessDenied',
          $fault: 'client',
          $metadata: { httpStatusCode: 403 },
        },
      ),
    );

    const graph = await world().graph(summaryOf(MEMBER), signal());

    expect(graph).toEqual({
      missing: expect.stringContaining(`the read role for account ${MEMBER} could not be assumed: AccessDenied: User:`),
    });
    expect(drawn).toEqual([]);
  });

  it('STS busy: "for now", and nothing drawn (the delivery goes on)', async () => {
    sts.sts
      .on(AssumeRoleCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }));

    const graph = await world().graph(summaryOf(MEMBER), signal());

    expect(graph).toEqual({
      missing: `the read role for account ${MEMBER} could not be assumed for now: Throttling: Rate exceeded`,
    });
    expect(drawn).toEqual([]);
  });

  it('a role that may not draw (an out-of-date member stack): says so, without its credentials', async () => {
    cloudWatch.on(GetMetricWidgetImageCommand).callsFake(async (_input, getClient) => {
      const c = await getClient().config.credentials();
      throw Object.assign(
        new Error(
          `User: arn:aws:sts::${MEMBER}:assumed-role/apigw-responder-read/s is not authorized to perform: cloudwatch:GetMetricWidgetImage (key ${c.accessKeyId}, secret ${c.secretAccessKey}, token ${c.sessionToken ?? ''})`,
        ),
        { name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } },
      );
    });

    const graph = await world().graph(summaryOf(MEMBER), signal());

    expect(graph).toEqual({
      missing: expect.stringMatching(
        new RegExp(
          `^the read role ${MEMBER_ROLE} may not draw it \\(AccessDenied: .*\\); redeploy the member's read role`,
        ),
      ),
    });
    const text = JSON.stringify(graph);
    expect(text).not.toContain(MEMBER_KEY);
    expect(text).not.toContain(SECRET_KEY_MARK);
    expect(text).not.toContain('FwoGZXIvYXdzE-session');
  });

  it('any other failure in the member account rejects (the incident goes without a graph), without its credentials', async () => {
    cloudWatch.on(GetMetricWidgetImageCommand).callsFake(async (_input, getClient) => {
      const c = await getClient().config.credentials();
      throw Object.assign(
        new Error(`Credential=${c.accessKeyId}/20250501 signature mismatch ${c.sessionToken ?? ''}`),
        {
          name: 'IncompleteSignatureException',
          $metadata: { httpStatusCode: 400 },
        },
      );
    });

    const failure = await world()
      .graph(summaryOf(MEMBER), signal())
      .catch((error: unknown) => error as Error);

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('IncompleteSignatureException');
    expect((failure as Error).message).not.toContain(MEMBER_KEY);
    expect((failure as Error).message).not.toContain('FwoGZXIvYXdzE-session');
  });
});
