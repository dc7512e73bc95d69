/**
 * Test support for the trust boundary: the real gate and the real CloudWatch reader on a
 * CloudWatch client mocked with aws-sdk-client-mock (which records every call), answering in
 * DescribeAlarms' real format from an in-test table of alarm states.
 */
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { createAlarmStateReader } from '../../../functions/provenance/alarm-state-reader';
import { createProvenanceGate } from '../../../functions/provenance/gate';
import { ownTrust, type TrustPolicy } from '../../../functions/provenance/trust-policy';
import type { AlarmState } from '../../../functions/types';
import { ACCOUNT, REGION } from '../events/fixtures';

export const POLICY: TrustPolicy = {
  ...ownTrust(ACCOUNT, REGION),
  watched: [
    { kind: 'REST', name: 'orders-api', id: 'a1b2c3d4e5', stages: ['prod', 'staging'] },
    { kind: 'HTTP', id: 'f6g7h8i9j0', stages: ['$default'] },
  ],
};

export interface FakeAlarm {
  state: AlarmState;
  updatedAt: Date;
  history?: { state: AlarmState; at: Date }[];
}

/** A CloudWatch that knows `alarms` (by name) and records every call. */
export function fakeCloudWatch(alarms: Map<string, FakeAlarm>) {
  const client = new CloudWatchClient({ region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const mock = mockClient(client);
  mock.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => ({
    MetricAlarms: (input.AlarmNames ?? []).flatMap((name) => {
      const alarm = alarms.get(name);
      if (alarm === undefined) return [];
      return [
        {
          AlarmName: name,
          AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
          StateValue: alarm.state,
          StateReason:
            'Threshold Crossed: 1 datapoint [12.0 (01/05/25 12:02:00)] was greater than the threshold (5.0).',
          StateUpdatedTimestamp: alarm.updatedAt,
          StateTransitionedTimestamp: alarm.updatedAt,
          Namespace: 'AWS/ApiGateway',
          MetricName: '5XXError',
        },
      ];
    }),
    CompositeAlarms: [],
  }));
  mock.on(DescribeAlarmHistoryCommand).callsFake((input: { AlarmName?: string }) => ({
    AlarmHistoryItems: (alarms.get(input.AlarmName ?? '')?.history ?? []).map((change) => ({
      AlarmName: input.AlarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: change.at,
      HistoryItemType: 'StateUpdate',
      HistorySummary: `Alarm updated from ${change.state === 'OK' ? 'ALARM' : 'OK'} to ${change.state}`,
      // DescribeAlarmHistory's HistoryData as CloudWatch writes it for a state update.
      HistoryData: JSON.stringify({
        version: '1.0',
        oldState: { stateValue: change.state === 'OK' ? 'ALARM' : 'OK', stateReason: 'Threshold Crossed' },
        newState: {
          stateValue: change.state,
          stateReason: 'Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0).',
          stateReasonData: { version: '1.0', queryDate: change.at.toISOString().replace('Z', '+0000') },
        },
      }),
    })),
  }));
  const gate = createProvenanceGate({
    policy: POLICY,
    reader: () => Promise.resolve(createAlarmStateReader(() => Promise.resolve(client))),
    now: Date.now,
  });
  /** Every AWS operation the gate made, as "Service.Operation". */
  const calls = (): string[] =>
    mock.calls().map((call) => `CloudWatch.${call.args[0].constructor.name.replace(/Command$/, '')}`);
  return { client, mock, gate, calls };
}

/** Now, to the second (CloudWatch notifications carry milliseconds; keep them simple). */
export function secondsAgo(seconds: number): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000 - seconds * 1000);
}
