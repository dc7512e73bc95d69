/**
 * The incident graph as a CloudWatch metric widget (the GetMetricWidgetImage request): 5XX count
 * and request count per minute on the left axis, p99 IntegrationLatency on the right, the alarm
 * threshold as a horizontal annotation, the onset as a vertical one, over the incident window.
 * Field names follow the CloudWatch "Metric Widget Structure" reference.
 */
import type { IncidentSummary } from '../../types';

const MINUTE = 60_000;
/** Minutes shown before the onset (or the state change when the onset is unknown). */
const BEFORE_MINUTES = 15;
const AFTER_MINUTES = 5;

/** The dimensions CloudWatch publishes API Gateway metrics under. */
function dimensions(summary: IncidentSummary): string[] {
  const { api } = summary;
  return api.kind === 'REST'
    ? ['ApiName', api.name ?? api.id ?? '', 'Stage', api.stage]
    : ['ApiId', api.id ?? api.name ?? '', 'Stage', api.stage];
}

export interface WidgetWindow {
  readonly start: string;
  readonly end: string;
}

export function widgetWindow(summary: IncidentSummary): WidgetWindow {
  const changed = Date.parse(summary.stateChangeTime);
  const onset = summary.impact.onset === null ? Number.NaN : Date.parse(summary.impact.onset);
  const from = Number.isFinite(onset) ? Math.min(onset, changed) : changed;
  return {
    start: new Date(from - BEFORE_MINUTES * MINUTE).toISOString(),
    end: new Date(changed + AFTER_MINUTES * MINUTE).toISOString(),
  };
}

export function metricWidget(summary: IncidentSummary): Record<string, unknown> {
  const dims = dimensions(summary);
  const window = widgetWindow(summary);
  const horizontal =
    summary.alarmThreshold === undefined ? [] : [{ label: 'alarm threshold', value: summary.alarmThreshold }];
  const vertical = summary.impact.onset === null ? [] : [{ label: 'onset', value: summary.impact.onset }];
  return {
    title: `${summary.api.name ?? summary.api.id ?? ''}/${summary.api.stage}: 5XX, requests, p99 integration latency`,
    view: 'timeSeries',
    stacked: false,
    region: summary.region,
    start: window.start,
    end: window.end,
    period: 60,
    width: 800,
    height: 360,
    metrics: [
      ['AWS/ApiGateway', '5XXError', ...dims, { stat: 'Sum', label: '5XX', color: '#d62728' }],
      ['AWS/ApiGateway', 'Count', ...dims, { stat: 'Sum', label: 'requests', color: '#1f77b4' }],
      [
        'AWS/ApiGateway',
        'IntegrationLatency',
        ...dims,
        { stat: 'p99', label: 'p99 integration latency (ms)', yAxis: 'right', color: '#ff7f0e' },
      ],
    ],
    annotations: { horizontal, vertical },
    yAxis: { left: { min: 0, label: 'per minute' }, right: { min: 0, label: 'ms' } },
  };
}

/** The same graph in the CloudWatch console (webhook mode links to it instead of uploading). */
export function consoleGraphUrl(summary: IncidentSummary): string {
  const widget = metricWidget(summary);
  const { region } = summary;
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#metricsV2?graph=${encodeURIComponent(JSON.stringify(widget))}`;
}

/** The summary with the console graph as its first link (webhook modes: no upload, a link). */
export function withGraphLink(summary: IncidentSummary): IncidentSummary {
  return { ...summary, links: [{ label: 'Metrics graph', url: consoleGraphUrl(summary) }, ...summary.links] };
}
