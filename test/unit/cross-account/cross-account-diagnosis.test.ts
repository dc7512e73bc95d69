/**
 * Which account a diagnosis reads, and what the summary says when it cannot read there: through
 * the real pipeline (createDiagnosisPipeline) with the probes' registry replaced by a probe that
 * records the clients it was given, STS mocked.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { accountClientsFor } from '../../../functions/cross-account/read-role-wiring';
import type { AwsClients } from '../../../functions/diagnosis/clients';
import { buildSummary } from '../../../functions/notify/summary';
import { createDiagnosisPipeline } from '../../../functions/responder/diagnosis-pipeline';
import type { Diagnosis, Incident } from '../../../functions/types';
import { ReadRoleUnavailableError } from '../../../functions/cross-account/read-role-sessions';
import { CONFIG, incidentIn as incident, MEMBER, mockSts, OTHER_MEMBER, OWN, UNLISTED } from './support';

const OWN_CLIENTS = { own: true } as unknown as AwsClients;

/** The pipeline with one stand-in probe; `seen` collects the clients each diagnosis got. */
function pipeline() {
  const seen: AwsClients[] = [];
  const accounts = accountClientsFor(CONFIG, { own: () => Promise.resolve(OWN_CLIENTS) });
  const diagnose = createDiagnosisPipeline(CONFIG, accounts).diagnose;
  // The engine's registry is replaced through jest's module mock below; it records the clients.
  recordClients = (clients) => seen.push(clients);
  return {
    seen,
    accounts,
    diagnose: (i: Incident): Promise<Diagnosis> => diagnose(i, { deadline: Date.now() + 5_000 }),
  };
}

let recordClients: (clients: AwsClients) => void = () => undefined;
jest.mock('../../../functions/diagnosis/registry', () => ({
  PROBES: [
    {
      name: 'metrics',
      label: 'metrics',
      kinds: ['REST', 'HTTP'],
      run: (ctx: { clients: AwsClients }) => {
        recordClients(ctx.clients);
        return Promise.resolve([]);
      },
    },
  ],
}));

const notChecked = (diagnosis: Diagnosis) =>
  buildSummary({ incident: diagnosis.incident, kind: 'open', incidentId: 'x', diagnosis }).notChecked;

describe('the account a diagnosis reads', () => {
  it("reads this account's clients for this account's API, and never asks STS", async () => {
    const { assumed } = mockSts();
    const { seen, diagnose } = pipeline();
    const diagnosis = await diagnose(incident(OWN));
    expect(seen).toEqual([OWN_CLIENTS]);
    expect(assumed()).toEqual([]);
    expect(notChecked(diagnosis)).toEqual([]);
  });

  it("reads a member account's API through its read role (the alarm's account)", async () => {
    const { assumed } = mockSts();
    const { seen, diagnose } = pipeline();
    const diagnosis = await diagnose(incident(MEMBER));
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toBe(OWN_CLIENTS);
    expect(await seen[0]!.logs.config.credentials()).toEqual(
      expect.objectContaining({ accessKeyId: `ASIA${MEMBER}1` }),
    );
    expect(assumed().map((i) => i.RoleSessionName)).toEqual(['apigw-responder@REST.orders-api.prod']);
    expect(notChecked(diagnosis)).toEqual([]);
  });

  it("reads in the metric's account for a cross-account metric alarm of this account", async () => {
    const { assumed } = mockSts();
    const { diagnose } = pipeline();
    await diagnose(incident(OWN, OTHER_MEMBER));
    expect(assumed().map((i) => i.RoleArn)).toEqual([expect.stringContaining(`::${OTHER_MEMBER}:role/`)]);
  });

  it("without a read role: reads nothing (not this account's same-named API) and says the diagnosis was skipped", async () => {
    const { assumed } = mockSts();
    const { seen, diagnose } = pipeline();
    const diagnosis = await diagnose(incident(UNLISTED));
    expect(seen).toEqual([]);
    expect(assumed()).toEqual([]);
    expect(diagnosis.probes).toEqual([expect.objectContaining({ probe: 'metrics', status: 'skipped', awsCalls: [] })]);
    expect(notChecked(diagnosis)).toHaveLength(1);
    expect(notChecked(diagnosis)[0]).toEqual({
      what: `the API in account ${UNLISTED}`,
      why: `no read role for account ${UNLISTED}: diagnosis skipped (account ${OWN}'s credentials would read another API of the same name)`,
      fix: expect.stringContaining(`'${UNLISTED}': 'arn:aws:iam::${UNLISTED}:role/apigw-responder-read'`),
    });
  });

  it('when the role is refused: no probe reads anywhere, the summary says why', async () => {
    const { sts } = mockSts();
    sts
      .on(AssumeRoleCommand)
      .rejects(Object.assign(new Error('Roles may not be assumed by root accounts.'), { name: 'AccessDenied' }));
    const { seen, diagnose } = pipeline();
    const diagnosis = await diagnose(incident(MEMBER));
    expect(seen).toEqual([]);
    expect(diagnosis.probes).toEqual([
      expect.objectContaining({
        probe: 'metrics',
        status: 'failed',
        error: expect.stringContaining('could not assume'),
      }),
    ]);
    const [line] = notChecked(diagnosis);
    expect(line).toEqual({
      what: `the API in account ${MEMBER}`,
      why: expect.stringMatching(
        /^could not assume arn:aws:iam::111122223333:role\/apigw-responder-read: AccessDenied: /,
      ),
      fix: expect.stringContaining('trusts this responder'),
    });
  });

  it('when STS cannot answer for now: the diagnosis fails with ReadRoleUnavailableError (the record is retried)', async () => {
    const { sts } = mockSts();
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    const { seen, diagnose } = pipeline();
    await expect(diagnose(incident(MEMBER))).rejects.toBeInstanceOf(ReadRoleUnavailableError);
    expect(seen).toEqual([]);
  });

  it('a new invocation assumes again (the session names its incident)', async () => {
    const { assumed } = mockSts();
    const { accounts, diagnose } = pipeline();
    await diagnose(incident(MEMBER));
    await diagnose(incident(MEMBER));
    expect(assumed()).toHaveLength(1);
    accounts.reset();
    await diagnose(incident(MEMBER));
    expect(assumed()).toHaveLength(2);
  });
});

describe('the remediation of a diagnosis the read role kept from running (review 6 #6)', () => {
  it("puts the role's fix first and never advises turning on execution logging for a stage nobody read", async () => {
    mockSts();
    const { diagnose } = pipeline();
    const full = createDiagnosisPipeline(
      CONFIG,
      accountClientsFor(CONFIG, { own: () => Promise.resolve(OWN_CLIENTS) }),
    );
    const diagnosis = await diagnose(incident(UNLISTED));
    const classification = await full.classify(diagnosis);
    const remediation = await full.remediate(diagnosis.incident, classification, diagnosis);
    const titles = (remediation?.steps ?? []).map((s) => s.title);
    expect(titles[0]).toContain(`'${UNLISTED}': 'arn:aws:iam::${UNLISTED}:role/apigw-responder-read'`);
    expect(titles.join(' ')).not.toMatch(/execution logging|backend's own logs/i);
  });
});
