/**
 * CloudWatch's own view of an alarm: its current state (DescribeAlarms, up to 100 names per call,
 * so one call serves a whole SQS batch) and, for notifications CloudWatch has moved past, its
 * state history (DescribeAlarmHistory). The port the gate reads through; the SDK implementation
 * below is created lazily by the wiring, so a rejected event never loads it.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AlarmState } from '../types';
import { ALARM_STATES } from '../types';

export interface AlarmView {
  readonly name: string;
  readonly state: AlarmState;
  /** ISO time of StateUpdatedTimestamp. */
  readonly updatedAt: string;
}

export interface StateChange {
  readonly state: AlarmState;
  /** ISO time of the history item. */
  readonly at: string;
}

/** Another account's CloudWatch, read through its read role (functions/cross-account/). */
export interface AlarmAccount {
  readonly account: string;
  /** The AssumeRole session name: it names the incident the read is for. */
  readonly sessionName: string;
}

export interface AlarmStateReader {
  /** The current view of each named alarm CloudWatch knows in `region` (absent names are unknown to it). */
  current(region: string, names: readonly string[], where?: AlarmAccount): Promise<ReadonlyMap<string, AlarmView>>;
  /** State changes of one alarm between two times. */
  history(region: string, name: string, from: Date, to: Date, where?: AlarmAccount): Promise<readonly StateChange[]>;
}

/** DescribeAlarms takes at most 100 names per call. */
export const DESCRIBE_ALARMS_MAX_NAMES = 100;

const isState = (value: unknown): value is AlarmState => (ALARM_STATES as readonly unknown[]).includes(value);

/** The new state of a StateUpdate history item (HistoryData is a JSON document). */
function newStateOf(historyData: string | undefined): AlarmState | undefined {
  if (historyData === undefined) return undefined;
  try {
    const data = JSON.parse(historyData) as { newState?: { stateValue?: unknown } };
    return isState(data.newState?.stateValue) ? data.newState.stateValue : undefined;
  } catch {
    return undefined;
  }
}

/** `where` absent: this account's CloudWatch. */
export type CloudWatchFor = (region: string, where?: AlarmAccount) => Promise<CloudWatchClient>;

export function createAlarmStateReader(clientFor: CloudWatchFor): AlarmStateReader {
  return {
    async current(region, names, where) {
      const { DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
      const client = await clientFor(region, where);
      const views = new Map<string, AlarmView>();
      for (let i = 0; i < names.length; i += DESCRIBE_ALARMS_MAX_NAMES) {
        const chunk = names.slice(i, i + DESCRIBE_ALARMS_MAX_NAMES);
        let nextToken: string | undefined;
        do {
          const page = await client.send(
            new DescribeAlarmsCommand({
              // Metric alarms only (the default): composite alarms need the permission on "*".
              AlarmNames: [...chunk],
              ...(nextToken === undefined ? {} : { NextToken: nextToken }),
            }),
          );
          for (const alarm of page.MetricAlarms ?? []) {
            if (
              alarm.AlarmName === undefined ||
              !isState(alarm.StateValue) ||
              alarm.StateUpdatedTimestamp === undefined
            )
              continue;
            views.set(alarm.AlarmName, {
              name: alarm.AlarmName,
              state: alarm.StateValue,
              updatedAt: alarm.StateUpdatedTimestamp.toISOString(),
            });
          }
          nextToken = page.NextToken;
        } while (nextToken !== undefined);
      }
      return views;
    },

    async history(region, name, from, to, where) {
      const { DescribeAlarmHistoryCommand } = await import('@aws-sdk/client-cloudwatch');
      const client = await clientFor(region, where);
      const changes: StateChange[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeAlarmHistoryCommand({
            AlarmName: name,
            HistoryItemType: 'StateUpdate',
            StartDate: from,
            EndDate: to,
            ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          }),
        );
        for (const item of page.AlarmHistoryItems ?? []) {
          const state = newStateOf(item.HistoryData);
          if (state !== undefined && item.Timestamp !== undefined)
            changes.push({ state, at: item.Timestamp.toISOString() });
        }
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
      return changes;
    },
  };
}
