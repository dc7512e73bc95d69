/**
 * The alarm factories: each signal's alarm rule (semantics/alarm-rule.ts, shared with the
 * backtest) turned into CloudWatch metrics and CDK enums. Nothing about when an alarm fires is
 * decided here: that lives in the rule objects, so the backtest replays exactly what deploys.
 */
import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ThresholdName, Thresholds } from '../config/thresholds';
import { apiMetric, type ApiStageRef } from './api-metrics';
import { signalAlarm, type AlarmRule, type SignalFormula } from './semantics/alarm-rule';

export interface SignalSpec {
  readonly metric: IMetric;
  readonly rule: AlarmRule;
  readonly comparisonOperator: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
  /** What breaching means, for the description ("p99 Latency above 5000 ms"). */
  readonly condition: string;
}

/**
 * 100 * errors / requests, but 0 % when a period has fewer than `minRequests` requests, so one
 * failure out of two requests at night does not page. FILL: a period with requests and no error
 * datapoint is 0 %, not missing data. semantics/signal-series.ts evaluates the same formula.
 */
export function errorRateExpression(minRequests: number): string {
  return `IF(requests >= ${minRequests}, 100 * FILL(errors, 0) / requests, 0)`;
}

const COMPARISONS: Readonly<Record<AlarmRule['comparison'], ComparisonOperator>> = {
  GreaterThanThreshold: ComparisonOperator.GREATER_THAN_THRESHOLD,
  GreaterThanOrEqualToThreshold: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  LessThanThreshold: ComparisonOperator.LESS_THAN_THRESHOLD,
  LessThanOrEqualToThreshold: ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
};

const MISSING_DATA: Readonly<Record<AlarmRule['treatMissingData'], TreatMissingData>> = {
  breaching: TreatMissingData.BREACHING,
  notBreaching: TreatMissingData.NOT_BREACHING,
  ignore: TreatMissingData.IGNORE,
  missing: TreatMissingData.MISSING,
};

function metricOf(ref: ApiStageRef, formula: SignalFormula, periodSeconds: number, label: string): IMetric {
  switch (formula.kind) {
    case 'sum':
      return apiMetric(ref, formula.metric, 'Sum', periodSeconds);
    case 'percentile':
      return apiMetric(ref, formula.metric, `p${formula.percentile}`, periodSeconds);
    case 'rate':
      return new MathExpression({
        expression: errorRateExpression(formula.minRequests),
        usingMetrics: {
          errors: apiMetric(ref, formula.errors, 'Sum', periodSeconds),
          requests: apiMetric(ref, 'requests', 'Sum', periodSeconds),
        },
        label: `${label} rate (%)`,
        period: Duration.seconds(periodSeconds),
      });
  }
}

export function signalSpec(name: ThresholdName, ref: ApiStageRef, thresholds: Thresholds): SignalSpec {
  const { rule, formula, condition } = signalAlarm(name, thresholds);
  const label = name === 'clientErrorRate' ? '4XX' : '5XX';
  return {
    metric: metricOf(ref, formula, rule.periodSeconds, label),
    rule,
    comparisonOperator: COMPARISONS[rule.comparison],
    treatMissingData: MISSING_DATA[rule.treatMissingData],
    condition,
  };
}
