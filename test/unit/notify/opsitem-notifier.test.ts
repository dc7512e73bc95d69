/**
 * The local AWS emulator (moto) has no OpsItems, so these calls are tested against
 * aws-sdk-client-mock: exact command inputs for ALARM, a second ALARM and OK.
 */
import { CreateOpsItemCommand, SSMClient, UpdateOpsItemCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { deliverAll } from '../../../functions/notify/deliver';
import { createNotifiers } from '../../../functions/notify/notifiers';
import { later } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { openSummary, resolvedSummary, updateSummary } from './support/summaries';

const ssmMock = mockClient(SSMClient);
const INCIDENT = 'inc-orders-api-prod-20240501T1203Z';

const notifiers = () =>
  createNotifiers(
    { opsItem: { enabled: true, severity: '1' } },
    { secrets: secretsOf({}), region: 'eu-west-1', ssm: new SSMClient({ region: 'eu-west-1' }) },
  );

describe('OpsItem notifier (aws-sdk-client-mock: the emulator has no OpsItems)', () => {
  beforeEach(() => ssmMock.reset());

  it('creates with dedup string and related resources, updates on the second ALARM, resolves on OK', async () => {
    // Arrange
    ssmMock.on(CreateOpsItemCommand).resolves({ OpsItemId: 'oi-0123456789ab' });
    ssmMock.on(UpdateOpsItemCommand).resolves({});
    const ops = notifiers();
    const { sleep } = recordingSleep();
    // Act
    const [created] = await deliverAll(openSummary(), ops, {}, { deadline: later(), sleep });
    const [updated] = await deliverAll(updateSummary(), ops, { opsitem: created?.ref }, { deadline: later(), sleep });
    const [resolved] = await deliverAll(
      resolvedSummary(),
      ops,
      { opsitem: created?.ref },
      { deadline: later(), sleep },
    );
    // Assert
    expect([created, updated, resolved].map((r) => r?.ref)).toEqual([
      { opsItemId: 'oi-0123456789ab' },
      { opsItemId: 'oi-0123456789ab' },
      { opsItemId: 'oi-0123456789ab' },
    ]);
    const create = ssmMock.commandCalls(CreateOpsItemCommand)[0]?.args[0].input;
    expect(create).toEqual({
      Title: 'API Gateway 5XX: ALARM · orders-api/prod · INTEGRATION_TIMEOUT',
      Description: expect.stringContaining('INTEGRATION_TIMEOUT'),
      Source: 'apigw-responder',
      Category: 'Availability',
      Severity: '1',
      OperationalData: {
        '/aws/dedup': { Type: 'SearchableString', Value: JSON.stringify({ dedupString: INCIDENT }) },
        '/aws/resources': {
          Type: 'SearchableString',
          Value: JSON.stringify([
            { arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod' },
            { arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:apigw-responder-orders-api-prod-5xx-rate' },
          ]),
        },
      },
    });
    expect(create?.Description?.length).toBeLessThanOrEqual(2048);
    const updates = ssmMock.commandCalls(UpdateOpsItemCommand).map((c) => c.args[0].input);
    expect(updates).toEqual([
      { OpsItemId: 'oi-0123456789ab', Description: expect.stringContaining('# UPDATE · orders-api/prod') },
      { OpsItemId: 'oi-0123456789ab', Status: 'Resolved' },
    ]);
  });

  it('retries throttling and fails AccessDenied without retrying', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    const denied = Object.assign(new Error('not authorized to perform: ssm:CreateOpsItem'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    ssmMock.on(CreateOpsItemCommand).rejectsOnce(throttled).resolvesOnce({ OpsItemId: 'oi-1' }).rejects(denied);
    const ops = notifiers();
    const [first] = await deliverAll(openSummary(), ops, {}, { deadline: later(), sleep: recordingSleep().sleep });
    const [second] = await deliverAll(openSummary(), ops, {}, { deadline: later(), sleep: recordingSleep().sleep });
    expect(first).toMatchObject({ status: 'delivered', retries: 1, ref: { opsItemId: 'oi-1' } });
    expect(second).toEqual({
      destination: 'opsitem',
      status: 'failed',
      retries: 0,
      reason: 'ssm CreateOpsItem: AccessDeniedException: not authorized to perform: ssm:CreateOpsItem',
    });
  });

  it('does nothing on OK when no OpsItem was created', async () => {
    const [result] = await deliverAll(
      resolvedSummary(),
      notifiers(),
      {},
      { deadline: later(), sleep: recordingSleep().sleep },
    );
    expect(result).toMatchObject({ status: 'delivered', ref: {} });
    expect(ssmMock.calls()).toHaveLength(0);
  });
});
