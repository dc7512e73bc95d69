/** Checks threshold overrides field by field, then the merged result of each stage as a whole. */
import { isRecord, type Issues, describe } from './issues';
import { DEFAULT_THRESHOLDS, THRESHOLD_NAMES, type AlarmTuning, type Thresholds } from './thresholds';

/** CloudWatch refuses alarms whose evaluation range is longer than one day. */
const MAX_EVALUATION_RANGE_SECONDS = 86_400;

type FieldCheck = (issues: Issues, path: string, value: unknown) => void;

const FIELD_CHECKS: Readonly<Record<string, FieldCheck>> = {
  enabled: (issues, path, value) => issues.boolean(path, value),
  periodSeconds: (issues, path, value) => {
    if (issues.integer(path, value, 60, 3600) && value % 60 !== 0) {
      issues.add(
        path,
        `${value} is not a whole number of minutes`,
        'Use a multiple of 60 (API Gateway publishes 1-minute metrics).',
      );
    }
  },
  evaluationPeriods: (issues, path, value) => issues.integer(path, value, 1, 1440),
  datapointsToAlarm: (issues, path, value) => issues.integer(path, value, 1, 1440),
  minErrors: (issues, path, value) => issues.integer(path, value, 1, 1_000_000),
  maxPercent: (issues, path, value) => issues.number(path, value, 0, 100),
  minRequests: (issues, path, value) => issues.integer(path, value, 1, 1_000_000),
  maxMs: (issues, path, value) => issues.integer(path, value, 1, 300_000),
};

/** Validates one override layer (global, per API or per stage) at `path`. */
export function validateThresholdOverrides(issues: Issues, path: string, overrides: unknown): void {
  if (overrides === undefined) return;
  if (!isRecord(overrides)) {
    issues.add(path, `${describe(overrides)} is not an object`, `Use { ${THRESHOLD_NAMES.join(': {...}, ')}: {...} }.`);
    return;
  }
  issues.unknownKeys(path, overrides, THRESHOLD_NAMES);
  for (const name of THRESHOLD_NAMES) {
    const signal = overrides[name];
    if (signal === undefined) continue;
    const signalPath = `${path}.${name}`;
    if (!isRecord(signal)) {
      issues.add(
        signalPath,
        `${describe(signal)} is not an object`,
        'Give only the fields to change, e.g. { maxPercent: 2 }.',
      );
      continue;
    }
    const known = Object.keys(DEFAULT_THRESHOLDS[name]);
    issues.unknownKeys(signalPath, signal, known);
    for (const field of known) {
      if (field in signal) FIELD_CHECKS[field]?.(issues, `${signalPath}.${field}`, signal[field]);
    }
  }
}

/** Cross-field rules that only make sense on the merged thresholds of one stage. */
export function validateMergedThresholds(issues: Issues, path: string, thresholds: Thresholds): void {
  for (const name of THRESHOLD_NAMES) {
    const tuning: AlarmTuning = thresholds[name];
    if (tuning.datapointsToAlarm > tuning.evaluationPeriods) {
      issues.add(
        `${path}.${name}.datapointsToAlarm`,
        `${tuning.datapointsToAlarm} exceeds evaluationPeriods (${tuning.evaluationPeriods})`,
        'Set datapointsToAlarm to at most evaluationPeriods.',
      );
    }
    if (tuning.periodSeconds * tuning.evaluationPeriods > MAX_EVALUATION_RANGE_SECONDS) {
      issues.add(
        `${path}.${name}.evaluationPeriods`,
        `${tuning.evaluationPeriods} periods of ${tuning.periodSeconds} s exceed one day`,
        'CloudWatch evaluates at most 86400 seconds: lower evaluationPeriods or periodSeconds.',
      );
    }
  }
}
