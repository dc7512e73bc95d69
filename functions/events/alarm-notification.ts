/**
 * One alarm state change as read from any shape (SNS PascalCase, EventBridge/action camelCase),
 * before deciding whether and which API Gateway stage it is about.
 */
import type { Incident } from '../types';
import type { EventIdentifiers } from './errors';
import type { CwAlarmData, SnsAlarmMessage } from './schemas';
import { CompositeReasonData, MetricReasonData } from './schemas';
import { dimensionMap, normalizeStatistic } from './normalize';

/** One series of a metric-math (or anomaly) alarm. */
export interface MetricQuery {
  readonly id?: string;
  readonly expression?: string;
  readonly label?: string;
  readonly returnData?: boolean;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat?: string;
  readonly periodSeconds?: number;
  readonly accountId?: string;
}

export interface AlarmNotification {
  readonly source: Incident['source'];
  readonly alarmName: string;
  readonly alarmArn?: string;
  readonly description?: string;
  readonly state: string;
  readonly previousState?: string;
  readonly stateChangeTime: string;
  readonly reason?: string;
  readonly accountId?: string;
  /** A region code from the envelope (topic ARN, EventBridge `region`), used when the alarm ARN is missing. */
  readonly regionHint?: string;
  readonly partitionHint?: string;
  /** Single-metric alarms. */
  readonly metric?: {
    readonly namespace?: string;
    readonly metricName?: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly statistic?: string;
    readonly periodSeconds?: number;
  };
  /** Metric-math and anomaly alarms (and EventBridge's form of single-metric alarms). */
  readonly queries: readonly MetricQuery[];
  readonly thresholdMetricId?: string;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly threshold?: number;
  readonly comparisonOperator?: string;
  /** Composite alarms: the rule and the children that triggered it (ARNs or names). */
  readonly composite?: { readonly rule?: string; readonly children: readonly string[] };
  /** From `reasonData` when present: where the evaluation started. */
  readonly evaluationStart?: string;
  readonly identifiers: EventIdentifiers;
}

function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}

function jsonOrUndefined(text: string | null | undefined): unknown {
  if (typeof text !== 'string' || text.length === 0 || text.length > 65536) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** CloudWatch's limit on a composite alarm rule. */
const MAX_RULE_LENGTH = 10_240;

/** Names or ARNs inside `ALARM(...)`, `OK(...)`, `INSUFFICIENT_DATA(...)` of a composite rule. */
export function alarmRuleOperands(rule: string | undefined): string[] {
  if (rule === undefined) return [];
  const out: string[] = [];
  // Unambiguous on purpose (no overlapping quantifiers): rules are up to 10 KB of user text.
  const pattern = /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(("(?:[^"\\]|\\.)*"|[^()"]+)\)/g;
  for (const match of rule.slice(0, MAX_RULE_LENGTH).matchAll(pattern)) {
    let operand = (match[1] ?? '').trim();
    if (operand.startsWith('"') && operand.endsWith('"')) operand = operand.slice(1, -1).replace(/\\(.)/g, '$1');
    if (operand.length > 0) out.push(operand);
  }
  return out;
}

export function fromSnsMessage(
  message: SnsAlarmMessage,
  context: {
    source: Incident['source'];
    regionHint?: string;
    partitionHint?: string;
    identifiers: EventIdentifiers;
  },
): AlarmNotification {
  const trigger = message.Trigger ?? undefined;
  const queries: MetricQuery[] = (trigger?.Metrics ?? []).flatMap((q) =>
    q
      ? [
          {
            id: orUndefined(q.Id),
            expression: orUndefined(q.Expression),
            label: orUndefined(q.Label),
            returnData: orUndefined(q.ReturnData),
            namespace: orUndefined(q.MetricStat?.Metric.Namespace),
            metricName: orUndefined(q.MetricStat?.Metric.MetricName),
            dimensions: dimensionMap(q.MetricStat?.Metric.Dimensions),
            stat: normalizeStatistic(orUndefined(q.MetricStat?.Stat)),
            periodSeconds: orUndefined(q.MetricStat?.Period ?? q.Period),
            accountId: orUndefined(q.AccountId),
          },
        ]
      : [],
  );
  const hasSingleMetric = trigger !== undefined && (trigger.MetricName || trigger.Namespace);
  const statistic =
    trigger?.StatisticType === 'ExtendedStatistic'
      ? orUndefined(trigger.ExtendedStatistic)
      : normalizeStatistic(orUndefined(trigger?.Statistic ?? trigger?.ExtendedStatistic));
  const isComposite = trigger === undefined && (message.AlarmRule != null || message.TriggeringChildren != null);
  return {
    source: context.source,
    alarmName: message.AlarmName,
    alarmArn: orUndefined(message.AlarmArn),
    description: orUndefined(message.AlarmDescription),
    state: message.NewStateValue,
    previousState: orUndefined(message.OldStateValue),
    stateChangeTime: message.StateChangeTime,
    reason: orUndefined(message.NewStateReason),
    accountId: orUndefined(message.AWSAccountId),
    regionHint: context.regionHint,
    partitionHint: context.partitionHint,
    metric: hasSingleMetric
      ? {
          namespace: orUndefined(trigger.Namespace),
          metricName: orUndefined(trigger.MetricName),
          dimensions: dimensionMap(trigger.Dimensions),
          statistic,
          periodSeconds: orUndefined(trigger.Period),
        }
      : undefined,
    queries,
    thresholdMetricId: orUndefined(trigger?.ThresholdMetricId),
    evaluationPeriods: orUndefined(trigger?.EvaluationPeriods),
    datapointsToAlarm: orUndefined(trigger?.DatapointsToAlarm),
    threshold: orUndefined(trigger?.Threshold),
    comparisonOperator: orUndefined(trigger?.ComparisonOperator),
    composite: isComposite
      ? {
          rule: orUndefined(message.AlarmRule),
          children: [
            ...(message.TriggeringChildren ?? []).flatMap((c) => (c ? [c.Arn] : [])),
            ...alarmRuleOperands(orUndefined(message.AlarmRule)),
          ],
        }
      : undefined,
    identifiers: context.identifiers,
  };
}

export function fromCwAlarmData(
  data: CwAlarmData,
  context: {
    source: Incident['source'];
    alarmArn?: string;
    accountId?: string;
    regionHint?: string;
    identifiers: EventIdentifiers;
  },
): AlarmNotification {
  const configuration = data.configuration ?? undefined;
  const queries: MetricQuery[] = (configuration?.metrics ?? []).flatMap((q) =>
    q
      ? [
          {
            id: orUndefined(q.id),
            expression: orUndefined(q.expression),
            label: orUndefined(q.label),
            returnData: orUndefined(q.returnData),
            namespace: orUndefined(q.metricStat?.metric.namespace),
            metricName: orUndefined(q.metricStat?.metric.name),
            dimensions: dimensionMap(q.metricStat?.metric.dimensions),
            stat: normalizeStatistic(orUndefined(q.metricStat?.stat)),
            periodSeconds: orUndefined(q.metricStat?.period ?? q.period),
            accountId: orUndefined(q.accountId),
          },
        ]
      : [],
  );
  const reasonJson = jsonOrUndefined(data.state.reasonData);
  const metricReason = MetricReasonData.safeParse(reasonJson);
  const compositeReason = CompositeReasonData.safeParse(reasonJson);
  const rule = orUndefined(configuration?.alarmRule);
  const triggering = compositeReason.success
    ? (compositeReason.data.triggeringAlarms ?? []).flatMap((a) => (a ? [a.arn] : []))
    : [];
  const isComposite = rule !== undefined || triggering.length > 0;
  const evaluated = metricReason.success ? (metricReason.data.evaluatedDatapoints ?? []).length : 0;
  return {
    source: context.source,
    alarmName: data.alarmName,
    alarmArn: context.alarmArn,
    description: orUndefined(configuration?.description),
    state: data.state.value,
    previousState: orUndefined(data.previousState?.value),
    stateChangeTime: data.state.timestamp,
    reason: orUndefined(data.state.reason),
    accountId: context.accountId,
    regionHint: context.regionHint,
    queries,
    evaluationPeriods: evaluated > 0 ? evaluated : undefined,
    threshold: metricReason.success ? orUndefined(metricReason.data.threshold) : undefined,
    composite: isComposite ? { rule, children: [...triggering, ...alarmRuleOperands(rule)] } : undefined,
    evaluationStart: metricReason.success ? orUndefined(metricReason.data.startDate) : undefined,
    identifiers: context.identifiers,
  };
}
