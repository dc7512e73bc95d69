/**
 * Read roles through the real responder Lambda (handler-world.ts): what leaves the function when a
 * member account's role works, fails for now, or is out of date, and how a batch with several
 * incidents of one member is read.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ProbeContext } from '../../../functions/diagnosis/probe';
import { ACCOUNT } from '../../../scripts/sandbox/alarm-notification';
import { handlerWorld, ISSUED, type HandlerWorld } from './handler-world';
import { MEMBER } from './support';

/** What the stand-in probe was given: the API it read and the credentials its clients sign with. */
const probeSaw: { api: string; credentials: AwsCredentialIdentity }[] = [];

/**
 * The one probe: reads its clients' credentials and fails the way AWS answers a request whose
 * signature it cannot parse (IncompleteSignatureException), echoing what it was sent: the key id
 * of the Authorization header's Credential and the security token.
 */
jest.mock('../../../functions/diagnosis/registry', () => ({
  PROBES: [
    {
      name: 'metrics',
      label: 'metrics',
      kinds: ['REST', 'HTTP'],
      run: async (ctx: ProbeContext) => {
        const credentials = await ctx.clients.logs.config.credentials();
        probeSaw.push({ api: ctx.incident.api.name ?? '', credentials });
        if (ctx.incident.accountId === ACCOUNT) return [];
        throw Object.assign(
          new Error(
            `Credential=${credentials.accessKeyId}/20250501/eu-west-1/logs/aws4_request X-Amz-Security-Token=${credentials.sessionToken ?? ''} Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`,
          ),
          { name: 'IncompleteSignatureException', $fault: 'client', $metadata: { httpStatusCode: 400 } },
        );
      },
    },
  ],
}));

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
/** Each issued value, and its first 40 characters (a message cut at its length limit keeps only a start). */
const issuedForms = Object.values(ISSUED).flatMap((value) => [value, value.slice(0, 40)]);
const leaked = (text: string): string[] => issuedForms.filter((form) => text.includes(form));

let w: HandlerWorld;
beforeEach(async () => {
  probeSaw.length = 0;
  w = handlerWorld();
  await w.start();
});
afterEach(() => w.stop());

describe('a member account diagnosed through its read role', () => {
  it('uses the issued credentials, and none of them leaves: logs, metrics, records, messages, diagnosis', async () => {
    const { reports, error } = await w.invoke([{ account: MEMBER, time: minutesAgo(1) }]);

    // The run did what it must: the member's probe signed with the issued credentials, and failed.
    expect(error).toBeUndefined();
    expect(reports).toEqual([expect.objectContaining({ outcome: 'open', delivered: ['slack'] })]);
    expect(probeSaw).toEqual([
      { api: 'orders-api', credentials: expect.objectContaining({ accessKeyId: ISSUED.AccessKeyId }) },
    ]);
    expect(w.posted.join('\n')).toContain('IncompleteSignatureException');
    expect(w.records()).toContain('X-Amz-Security-Token=');
    expect(w.output()).toContain('summary delivered');
    // ...and no issued value is anywhere it went.
    expect(leaked(w.output())).toEqual([]);
    expect(leaked(w.records())).toEqual([]);
    expect(leaked(w.posted.join('\n'))).toEqual([]);
    expect(leaked(JSON.stringify(w.diagnoses))).toEqual([]);
  });

  it('reads two incidents of one member in one event each in its own session (CloudTrail names each)', async () => {
    const time = minutesAgo(1);
    const { reports } = await w.invoke([
      { account: MEMBER, api: 'orders-api', time },
      { account: MEMBER, api: 'billing-api', time },
    ]);

    expect(reports?.map((r) => r.outcome)).toEqual(['open', 'open']);
    expect(w.sessionNames()).toEqual(['apigw-responder@REST.orders-api.prod', 'apigw-responder@REST.billing-api.prod']);
    // Each diagnosis signed with its own session's credentials (STS issued a second set for billing).
    const keyOf = (api: string) => probeSaw.find((p) => p.api === api)?.credentials.accessKeyId;
    expect(keyOf('orders-api')).toBe(ISSUED.AccessKeyId);
    expect(keyOf('billing-api')).not.toBe(ISSUED.AccessKeyId);
  });
});

describe('a read role STS cannot hand out for now', () => {
  it('fails that record so Lambda retries it (counted), handles the others, and diagnoses it on the retry', async () => {
    w.failStsNext(
      Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }),
    );
    const time = minutesAgo(1);
    const batch = [
      { account: MEMBER, time },
      { account: ACCOUNT, time },
    ];

    const first = await w.invoke(batch);

    expect(first.error?.message).toMatch(/could not assume .* to read account 111122223333: Throttling: Rate exceeded/);
    expect(w.posted).toHaveLength(1); // this account's incident, not the member's
    expect(w.metric('ReadRoleFailures')).toContainEqual(
      expect.objectContaining({ ReadRoleFailures: 1, account: MEMBER, kind: 'unavailable' }),
    );
    expect(w.output()).toContain(
      'read role not assumed for now: the record fails so Lambda retries it (posted without the diagnosis from the retry on)',
    );

    const retry = await w.invoke(batch);

    expect(retry.error).toBeUndefined();
    expect(retry.reports?.map((r) => r.outcome)).toEqual(['open', 'duplicate']);
    expect(probeSaw.map((p) => p.api)).toEqual(['orders-api', 'orders-api']);
    expect(w.posted).toHaveLength(2);
    expect(w.posted[1]).not.toContain('could not assume');
  });
});

describe('a read role out of date (it may not read the alarm) or refused', () => {
  it('passes that alarm on its claims, says so on the message, counts it, and decides the batch', async () => {
    w.denyAlarmsIn.add(MEMBER);
    const time = minutesAgo(1);

    const { reports, error } = await w.invoke([
      { account: MEMBER, time },
      { account: ACCOUNT, time },
    ]);

    expect(error).toBeUndefined();
    expect(reports?.map((r) => r.outcome)).toEqual(['open', 'open']);
    expect(w.posted[0]).toContain(
      `alarm state not verified in CloudWatch: the read role for account ${MEMBER} may not read this alarm`,
    );
    expect(w.posted[1]).not.toContain('alarm state not verified');
    expect(w.metric('ReadRoleFailures')).toContainEqual(
      expect.objectContaining({ account: MEMBER, kind: 'alarm-read-denied' }),
    );
  });

  it('shows on the resolution that an OK of a refused role was not verified in CloudWatch', async () => {
    const refused = `User: arn:aws:sts::${ACCOUNT}:assumed-role/r/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${MEMBER}:role/apigw-responder-read`;
    const denied = () => Object.assign(new Error(refused), { name: 'AccessDenied' });
    w.failStsNext(denied());
    await w.invoke([{ account: MEMBER, time: minutesAgo(2) }]);
    w.failStsNext(denied());

    const { reports } = await w.invoke([{ account: MEMBER, state: 'OK', time: minutesAgo(1) }]);

    expect(reports).toEqual([expect.objectContaining({ outcome: 'resolved' })]);
    expect(w.posted[1]).toContain(
      `Note: alarm state not verified in CloudWatch: the read role for account ${MEMBER} could not be assumed`,
    );
    expect(w.metric('ReadRoleFailures')).toContainEqual(expect.objectContaining({ account: MEMBER, kind: 'refused' }));
  });
});
