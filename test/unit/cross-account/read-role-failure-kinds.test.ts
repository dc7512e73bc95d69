/**
 * A read role's AssumeRole failures by kind, on STS errors in the SDK's recorded shapes: a
 * definitive one (refused, missing role, wrong ExternalId, malformed) is remembered per account for
 * the invocation and answered as `failed`; a passing one (throttled, timed out, 5xx, network) is
 * thrown every time and never remembered, so the record fails and is retried.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ReadRoleError, ReadRoleUnavailableError } from '../../../functions/cross-account/read-role-sessions';
import type { ReadRoleFailure } from '../../../functions/cross-account/read-role-sessions';
import { accountClientsFor } from '../../../functions/cross-account/read-role-wiring';
import type { AwsClients } from '../../../functions/diagnosis/clients';
import { CONFIG, MEMBER, MEMBER_ROLE, mockSts } from './support';

const own = (): Promise<AwsClients> => Promise.reject(new Error('this account was not asked for'));

/** An STS error as the SDK raises it (name, message, $fault, $metadata). */
function stsError(name: string, message: string, status?: number, extra: Record<string, unknown> = {}): Error {
  const fault = status === undefined ? {} : { $fault: status >= 500 ? 'server' : 'client' };
  const metadata = status === undefined ? {} : { $metadata: { httpStatusCode: status, attempts: 2 } };
  return Object.assign(new Error(message), { name, ...fault, ...metadata, ...extra });
}

const REFUSED = `User: arn:aws:sts::123456789012:assumed-role/responder/x is not authorized to perform: sts:AssumeRole on resource: ${MEMBER_ROLE}`;

const DEFINITIVE: [string, Error][] = [
  ['not trusted, missing or another ExternalId (STS says the same)', stsError('AccessDenied', REFUSED, 403)],
  ['a refusal under a generic name', stsError('Error', REFUSED)],
  [
    'STS not activated in the region',
    stsError('RegionDisabledException', 'STS is not activated in this region for account:123456789012.', 403),
  ],
  [
    'a malformed request',
    stsError(
      'ValidationError',
      "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint",
      400,
    ),
  ],
];

const PASSING: [string, Error][] = [
  ['throttled', stsError('Throttling', 'Rate exceeded', 400)],
  ['a request timeout', stsError('TimeoutError', 'Request timed out', undefined)],
  ['an STS 5xx', stsError('InternalFailure', 'An internal error occurred', 500)],
  ['STS unavailable', stsError('ServiceUnavailable', 'Service unavailable', 503)],
  ['a network reset', stsError('Error', 'socket hang up', undefined, { code: 'ECONNRESET' })],
  [
    "the responder's own credentials expired",
    stsError('ExpiredToken', 'The security token included in the request is expired', 400),
  ],
];

function world(error: Error) {
  const { sts } = mockSts();
  sts.on(AssumeRoleCommand).rejects(error);
  const failures: ReadRoleFailure[] = [];
  const accounts = accountClientsFor(CONFIG, { own, onFailure: (failure) => failures.push(failure) });
  const calls = (): number => sts.commandCalls(AssumeRoleCommand).length;
  return { accounts, failures, calls };
}

describe('a read role refused for good', () => {
  it.each(DEFINITIVE)(
    '%s: `failed`, remembered for the account (another session asks no more)',
    async (_what, error) => {
      const w = world(error);
      const first = await w.accounts.access('eu-west-1', MEMBER, 'apigw-responder@REST.orders-api.prod');
      const other = await w.accounts.access('eu-west-1', MEMBER, 'apigw-responder@REST.billing-api.prod');
      expect(first).toEqual({ kind: 'failed', error: expect.any(ReadRoleError) });
      expect(other.kind).toBe('failed');
      expect(w.calls()).toBe(1);
      expect(w.failures.map((f) => f.name)).toEqual(['ReadRoleError']);
    },
  );
});

describe('a read role STS cannot hand out for now', () => {
  it.each(PASSING)('%s: thrown as ReadRoleUnavailableError each time, never remembered', async (_what, error) => {
    const w = world(error);
    const session = 'apigw-responder@REST.orders-api.prod';
    await expect(w.accounts.access('eu-west-1', MEMBER, session)).rejects.toBeInstanceOf(ReadRoleUnavailableError);
    await expect(w.accounts.access('eu-west-1', MEMBER, session)).rejects.toThrow(
      `could not assume ${MEMBER_ROLE} to read account ${MEMBER}: `,
    );
    expect(w.calls()).toBe(2);
    expect(w.failures.map((f) => f.name)).toEqual(['ReadRoleUnavailableError', 'ReadRoleUnavailableError']);
  });

  it('is asked again once STS answers: the next attempt gets credentials', async () => {
    const { sts } = mockSts();
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(stsError('Throttling', 'Rate exceeded', 400))
      .resolves({
        Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: undefined },
      });
    const accounts = accountClientsFor(CONFIG, { own });
    const session = 'apigw-responder@REST.orders-api.prod';
    await expect(accounts.access('eu-west-1', MEMBER, session)).rejects.toBeInstanceOf(ReadRoleUnavailableError);
    expect((await accounts.access('eu-west-1', MEMBER, session)).kind).toBe('assumed');
  });
});
