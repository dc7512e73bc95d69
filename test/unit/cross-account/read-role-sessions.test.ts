/**
 * Read-role sessions: one AssumeRole per account per invocation, the request as STS wants it, a
 * failure remembered for the invocation and reported once, never a credential in an error.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { accountClientsFor } from '../../../functions/cross-account/read-role-wiring';
import {
  createReadRoleSessions,
  ReadRoleError,
  ReadRoleUnavailableError,
  type ReadRoleFailure,
} from '../../../functions/cross-account/read-role-sessions';
import { sessionName } from '../../../functions/cross-account/session-name';
import type { AwsClients } from '../../../functions/diagnosis/clients';
import {
  CONFIG,
  EXTERNAL_ID,
  MEMBER,
  MEMBER_ROLE,
  mockSts,
  OTHER_MEMBER,
  OTHER_ROLE,
  SECRET_KEY_MARK,
} from './support';

const own = (): Promise<AwsClients> => Promise.reject(new Error('this account was not asked for'));
const SESSION = /^[\w+=,.@-]{2,64}$/;

describe('read-role sessions through STS', () => {
  it('assumes each account once per invocation, for every region, and again after reset', async () => {
    const { assumed } = mockSts();
    const accounts = accountClientsFor(CONFIG, { own });
    const first = await accounts.access('eu-west-1', MEMBER, 'apigw-responder@REST.orders-api.prod');
    const again = await accounts.access('eu-west-1', MEMBER, 'apigw-responder@REST.orders-api.prod');
    const otherRegion = await accounts.access('us-east-1', MEMBER, 'apigw-responder@REST.orders-api.prod');
    await accounts.access('eu-west-1', OTHER_MEMBER, 'apigw-responder@HTTP.f6g7h8i9j0.-default');
    expect(assumed().map((input) => input.RoleArn)).toEqual([MEMBER_ROLE, OTHER_ROLE]);
    // One set of clients per account and region, shared within the invocation.
    expect(first.kind === 'assumed' && again.kind === 'assumed' && first.clients === again.clients).toBe(true);
    expect(otherRegion.kind === 'assumed' && first.kind === 'assumed' && otherRegion.clients !== first.clients).toBe(
      true,
    );

    accounts.reset();
    const next = await accounts.access('eu-west-1', MEMBER, 'apigw-responder@REST.orders-api.prod');
    expect(assumed()).toHaveLength(3);
    expect(next.kind === 'assumed' && first.kind === 'assumed' && next.clients !== first.clients).toBe(true);
  });

  it('opens one session per incident of an account: each session name is used for its own reads only', async () => {
    const { assumed } = mockSts();
    const accounts = accountClientsFor(CONFIG, { own });
    const orders = await accounts.access('eu-west-1', MEMBER, 'apigw-responder@REST.orders-api.prod');
    const billing = await accounts.access('eu-west-1', MEMBER, 'apigw-responder@REST.billing-api.prod');
    const ordersAgain = await accounts.access('us-east-1', MEMBER, 'apigw-responder@REST.orders-api.prod');
    expect(assumed().map((input) => input.RoleSessionName)).toEqual([
      'apigw-responder@REST.orders-api.prod',
      'apigw-responder@REST.billing-api.prod',
    ]);
    if (orders.kind !== 'assumed' || billing.kind !== 'assumed' || ordersAgain.kind !== 'assumed')
      throw new Error('expected three assumed sessions');
    expect(await billing.clients.logs.config.credentials()).toEqual(
      expect.objectContaining({ accessKeyId: `ASIA${MEMBER}2` }),
    );
    expect(await ordersAgain.clients.logs.config.credentials()).toEqual(
      expect.objectContaining({ accessKeyId: `ASIA${MEMBER}1` }),
    );
  });

  it('asks STS for a short session named for the incident, with the ExternalId where configured', async () => {
    const { assumed } = mockSts();
    const accounts = accountClientsFor(CONFIG, { own });
    await accounts.access('eu-west-1', MEMBER, sessionName('REST.orders-api.prod'));
    await accounts.access('eu-west-1', OTHER_MEMBER, sessionName('HTTP.f6g7h8i9j0.$default'));
    const [member, other] = assumed();
    expect(member).toEqual({
      RoleArn: MEMBER_ROLE,
      RoleSessionName: 'apigw-responder@REST.orders-api.prod',
      DurationSeconds: 900,
    });
    expect(other).toEqual(expect.objectContaining({ RoleArn: OTHER_ROLE, ExternalId: EXTERNAL_ID }));
    expect(other!.RoleSessionName).toMatch(SESSION);
  });

  it('hands the probes clients signed with the assumed credentials', async () => {
    mockSts();
    const accounts = accountClientsFor(CONFIG, { own });
    const access = await accounts.access('eu-west-1', MEMBER, 'apigw-responder@REST.orders-api.prod');
    if (access.kind !== 'assumed') throw new Error(`expected assumed, got ${access.kind}`);
    const credentials = await access.clients.lambda.config.credentials();
    expect(credentials).toEqual(
      expect.objectContaining({ accessKeyId: `ASIA${MEMBER}1`, sessionToken: 'FwoGZXIvYXdzE-session-1' }),
    );
    expect(await access.clients.cloudWatch.config.region()).toBe('eu-west-1');
  });

  it('turns a refused AssumeRole into one ReadRoleError per invocation, reported once, without secrets', async () => {
    const { sts } = mockSts();
    const denied = Object.assign(
      new Error(
        `User: arn:aws:sts::123456789012:assumed-role/responder/x is not authorized to perform: sts:AssumeRole on resource: ${OTHER_ROLE}`,
      ),
      { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
    );
    sts.on(AssumeRoleCommand).rejects(denied);
    const failures: ReadRoleFailure[] = [];
    const accounts = accountClientsFor(CONFIG, { own, onFailure: (error) => failures.push(error) });
    const first = await accounts.access('eu-west-1', OTHER_MEMBER, 'apigw-responder@x');
    const second = await accounts.access('us-east-1', OTHER_MEMBER, 'apigw-responder@x');
    expect(first).toEqual({ kind: 'failed', error: expect.any(ReadRoleError) });
    expect(second.kind).toBe('failed');
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(failures).toHaveLength(1);
    const error = failures[0]!;
    expect({ account: error.account, roleArn: error.roleArn }).toEqual({ account: OTHER_MEMBER, roleArn: OTHER_ROLE });
    expect(error.reason).toMatch(/^AccessDenied: .*not authorized to perform: sts:AssumeRole/);
  });

  it('leaves an ExternalId in a reason as written: it is not a secret, and is not pretended to be one', async () => {
    const { sts } = mockSts();
    // Not STS's wording (it never echoes the ExternalId): a stand-in for any text that carries it.
    sts
      .on(AssumeRoleCommand)
      .rejects(Object.assign(new Error(`ExternalId ${EXTERNAL_ID} refused`), { name: 'AccessDenied' }));
    const access = await accountClientsFor(CONFIG, { own }).access('eu-west-1', OTHER_MEMBER, 'apigw-responder@x');
    expect(access.kind === 'failed' && access.error.reason).toBe(`AccessDenied: ExternalId ${EXTERNAL_ID} refused`);
  });

  it('assumes again when the cached credentials are about to expire', async () => {
    const calls: string[] = [];
    let now = 0;
    const sessions = createReadRoleSessions({
      now: () => now,
      assumeRole: (request) => {
        calls.push(request.RoleSessionName);
        return Promise.resolve({
          Credentials: {
            AccessKeyId: `ASIA${calls.length}`,
            SecretAccessKey: SECRET_KEY_MARK,
            SessionToken: 't',
            Expiration: new Date(now + 900_000),
          },
        });
      },
    });
    await sessions.credentials({ roleArn: MEMBER_ROLE }, 'apigw-responder@a');
    now += 800_000; // 100 s left: still usable
    await sessions.credentials({ roleArn: MEMBER_ROLE }, 'apigw-responder@a');
    now += 50_000; // 50 s left: too close to expiry
    const renewed = await sessions.credentials({ roleArn: MEMBER_ROLE }, 'apigw-responder@a');
    expect(calls).toHaveLength(2);
    expect(renewed.accessKeyId).toBe('ASIA2');
  });

  it('refuses an answer without credentials, as a passing failure (retried, not remembered)', async () => {
    const sessions = createReadRoleSessions({ assumeRole: () => Promise.resolve({}) });
    const answer = sessions.credentials({ roleArn: MEMBER_ROLE }, 'apigw-responder@a');
    await expect(answer).rejects.toThrow(
      /could not assume .*apigw-responder-read to read account 111122223333: STS returned no credentials/,
    );
    await expect(answer).rejects.toBeInstanceOf(ReadRoleUnavailableError);
  });
});

describe('session names', () => {
  it('keeps STS characters and length, naming the responder and the incident; long keys stay distinct', () => {
    expect(sessionName('HTTP.f6g7h8i9j0.$default')).toBe('apigw-responder@HTTP.f6g7h8i9j0.-default');
    const long = (stage: string): string =>
      sessionName(`REST.${'orders-api-with-a-very-long-name'.repeat(3)}.${stage}`);
    for (const name of [long('prod'), long('staging')]) {
      expect(name).toMatch(SESSION);
      expect(name.startsWith('apigw-responder@REST.orders-api')).toBe(true);
    }
    expect(long('prod')).not.toBe(long('staging'));
  });
});
