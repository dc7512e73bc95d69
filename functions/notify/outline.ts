/**
 * What every destination shows, in reading order, as plain strings: the renderers only choose
 * markup and limits, so Slack, Jira and Markdown never disagree about content.
 */
import type { IncidentSummary, Link, RemediationStep } from '../types';
import { caveatsOf, notCheckedLine } from './caveats';
import { CLASS_LABELS } from './class-labels';
import { apiLong, apiStage, formatCount, formatMinutes, formatMs, formatPct, formatTime } from './format';
import { sparkline } from './sparkline';
import type { WhySection } from './why-section';
import { whySectionOf } from './why-section';

export type OutlineStatus = 'alarm' | 'update' | 'resolved' | 'insufficient-data';

export interface Fact {
  readonly label: string;
  readonly value: string;
}

export interface LogExample {
  readonly count: number;
  readonly template: string;
  readonly example: string;
}

export interface Outline {
  readonly status: OutlineStatus;
  /** "ALARM", "UPDATE", "RESOLVED", "INSUFFICIENT DATA". */
  readonly statusLabel: string;
  /** "orders-api/prod". */
  readonly apiStage: string;
  /** "REST API orders-api (a1b2c3d4), stage prod". */
  readonly apiLong: string;
  /** "INTEGRATION_TIMEOUT" or null when there is no diagnosis (a bare OK). */
  readonly rootCauseClass: string | null;
  /** "Integration timed out (87% confidence, sub-cause)". */
  readonly rootCauseText: string | null;
  /** "ALARM · orders-api/prod · INTEGRATION_TIMEOUT". */
  readonly title: string;
  /** "Resolved after 23 min: alarm OK at 2024-05-01 12:26 UTC." */
  readonly resolvedLine: string | null;
  /** Alarm name, severity, region/account, also firing. */
  readonly context: readonly Fact[];
  readonly impact: readonly Fact[];
  readonly sparkline: { readonly bars: string; readonly max: number; readonly minutes: number } | null;
  /** The leading hypothesis' evidence: "text (×count)". */
  readonly evidence: readonly string[];
  /** "Why <CLASS> (n%) and not <SECOND>": what decided it and what would change it; null for older records. */
  readonly why: WhySection | null;
  readonly logExamples: readonly LogExample[];
  readonly changes: readonly string[];
  readonly otherHypotheses: readonly string[];
  readonly steps: readonly RemediationStep[];
  readonly links: readonly Link[];
  readonly notChecked: readonly string[];
  /** Shown near the top by every renderer: alarm state not verified, diagnosis not run (caveats.ts). */
  readonly caveats: readonly string[];
  readonly footer: string;
}

const STATUS_LABELS: Readonly<Record<OutlineStatus, string>> = {
  alarm: 'ALARM',
  update: 'UPDATE',
  resolved: 'RESOLVED',
  'insufficient-data': 'INSUFFICIENT DATA',
};

function statusOf(summary: IncidentSummary): OutlineStatus {
  if (summary.kind === 'resolved' || summary.state === 'OK') return 'resolved';
  if (summary.state === 'INSUFFICIENT_DATA') return 'insufficient-data';
  return summary.kind === 'update' ? 'update' : 'alarm';
}

function rootCauseTextOf(summary: IncidentSummary): string | null {
  const leading = summary.leading;
  if (leading === null) return null;
  const details = [`${Math.round(leading.confidence * 100)}% confidence`];
  if (leading.subCause !== undefined) details.push(leading.subCause);
  return `${CLASS_LABELS[leading.class]} (${details.join(', ')})`;
}

function impactOf(summary: IncidentSummary): Fact[] {
  const i = summary.impact;
  const facts: Fact[] = [
    { label: '5XX rate', value: formatPct(i.errorRatePct) },
    { label: '5XX errors', value: formatCount(i.errors5xx) },
    { label: 'Requests', value: formatCount(i.requests) },
    { label: 'Onset', value: formatTime(i.onset) },
    { label: 'Max latency', value: formatMs(i.latencyMaxMs) },
    { label: 'Max integration latency', value: formatMs(i.integrationLatencyMaxMs) },
  ];
  if (summary.durationMinutes !== undefined)
    facts.push({ label: 'Duration', value: formatMinutes(summary.durationMinutes) });
  return facts;
}

function contextOf(summary: IncidentSummary): Fact[] {
  const facts: Fact[] = [
    { label: 'Severity', value: summary.severity },
    { label: 'Alarm', value: summary.alarmName },
    { label: 'State changed', value: formatTime(summary.stateChangeTime) },
    { label: 'Account/region', value: `${summary.accountId} / ${summary.region}` },
  ];
  if (summary.alsoFiring.length > 0) facts.push({ label: 'Also firing', value: summary.alsoFiring.join(', ') });
  return facts;
}

function footerOf(summary: IncidentSummary): string {
  const parts = [`apigw-responder`, `incident ${summary.incidentId}`];
  if (summary.diagnosisMs !== null) parts.push(`diagnosed in ${formatMs(summary.diagnosisMs)}`);
  if (summary.unfinishedChecks.length > 0) parts.push(`cut short: ${summary.unfinishedChecks.join(', ')}`);
  return parts.join(' · ');
}

/** "Resolved after 23 min: alarm OK at …", with why CloudWatch did not confirm it when it did not. */
function resolvedLineOf(summary: IncidentSummary): string {
  const after = summary.durationMinutes === undefined ? '' : ` after ${formatMinutes(summary.durationMinutes)}`;
  const line = `Resolved${after}: alarm OK at ${formatTime(summary.stateChangeTime)}.`;
  return summary.alarmStateUnverified === undefined ? line : `${line} Note: ${summary.alarmStateUnverified}.`;
}

export function outlineOf(summary: IncidentSummary): Outline {
  const status = statusOf(summary);
  const statusLabel = STATUS_LABELS[status];
  const rootCauseClass = summary.leading?.class ?? null;
  const series = summary.impact.errorSeries;
  const max = series.length > 0 ? Math.max(...series) : 0;
  return {
    status,
    statusLabel,
    apiStage: apiStage(summary.api),
    apiLong: apiLong(summary.api),
    rootCauseClass,
    rootCauseText: rootCauseTextOf(summary),
    title: [statusLabel, apiStage(summary.api), rootCauseClass].filter((p) => p !== null).join(' · '),
    resolvedLine: status === 'resolved' ? resolvedLineOf(summary) : null,
    context: contextOf(summary),
    impact: impactOf(summary),
    sparkline: series.length > 0 ? { bars: sparkline(series), max, minutes: series.length } : null,
    evidence: (summary.leading?.evidence ?? []).map((e) =>
      e.count === undefined ? e.text : `${e.text} (×${formatCount(e.count)})`,
    ),
    why: whySectionOf(summary),
    logExamples: summary.logExamples,
    changes: summary.changes.map(
      (c) =>
        `${formatTime(c.at)} ${c.what} ${c.resource}${c.actor === undefined ? '' : ` by ${c.actor}`}${c.description === undefined ? '' : `: ${c.description}`}`,
    ),
    otherHypotheses: summary.others.map((h) => `${h.class} ${Math.round(h.confidence * 100)}%`),
    steps: summary.remediation,
    links: summary.links,
    notChecked: [
      // The weaker check first: an alarm acted on without CloudWatch's word is never silent.
      ...(summary.alarmStateUnverified === undefined ? [] : [summary.alarmStateUnverified]),
      ...summary.notChecked.map(notCheckedLine),
      ...summary.unfinishedChecks.map((probe) => `${probe}: cut short by the deadline`),
    ],
    // A resolution already says it in its resolved line ("Note: alarm state not verified ...").
    caveats: caveatsOf(summary).filter((line) => status !== 'resolved' || line !== summary.alarmStateUnverified),
    footer: footerOf(summary),
  };
}
