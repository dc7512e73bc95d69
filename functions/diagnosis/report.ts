/** A readable plain-text report of a diagnosis (the CLI's output). */
import type { Classification, Diagnosis, Finding } from '../types';

const SECTION_ORDER: readonly Finding['type'][] = [
  'metrics',
  'log-template',
  'lambda',
  'http-backend',
  'integration',
  'authorizer',
  'stage',
  'throttle-limit',
  'traces',
  'change',
  'could-not-check',
];

const TITLES: Record<Finding['type'], string> = {
  metrics: 'Impact',
  'log-template': 'Log evidence',
  lambda: 'Backend functions',
  'http-backend': 'HTTP backends',
  integration: 'Integrations',
  authorizer: 'Authorizers',
  stage: 'Stage',
  'throttle-limit': 'Limits',
  traces: 'Traces',
  change: 'What changed',
  'could-not-check': 'Not checked',
};

export function renderReport(diagnosis: Diagnosis, classification?: Classification): string {
  const { incident } = diagnosis;
  const api = incident.api;
  const lines: string[] = [
    `Diagnosis of ${api.kind} API ${api.name ?? api.id ?? '?'}${api.id === undefined ? '' : ` (${api.id})`} stage ${api.stage} in ${incident.region}`,
    `Window ${incident.window.start} → ${incident.window.end}; ${diagnosis.durationMs} ms${diagnosis.cutShort ? ' (cut short by the deadline)' : ''}`,
  ];
  if (classification !== undefined) {
    lines.push('', `Likely cause: ${classification.class} (confidence ${classification.confidence.toFixed(2)})`);
    for (const e of classification.evidence.slice(0, 3)) lines.push(`  - ${e.text}`);
  }
  for (const type of SECTION_ORDER) {
    const findings = diagnosis.findings.filter((f) => f.type === type);
    if (findings.length === 0) continue;
    lines.push('', `${TITLES[type]}:`);
    for (const f of findings) {
      lines.push(`  - ${f.summary}`);
      if (f.type === 'could-not-check' && f.fix !== undefined) lines.push(`      fix: ${f.fix}`);
      if (f.type === 'log-template' && f.requestIds.length > 0) {
        lines.push(`      request ids: ${f.requestIds.slice(0, 3).join(', ')}`);
      }
    }
  }
  lines.push('', 'Probes:');
  for (const p of diagnosis.probes) {
    lines.push(
      `  ${p.probe.padEnd(15)} ${p.status.padEnd(9)} ${String(p.durationMs).padStart(6)} ms  ${p.awsCalls.length} AWS calls${p.error === undefined ? '' : `  (${p.error})`}`,
    );
    // What each log group read amounts to: everything, or a sample and how much.
    for (const c of p.coverage ?? [])
      lines.push(`      ${c.logGroup}: ${c.mode === 'all' ? '' : 'SAMPLE: '}${c.statement}`);
  }
  return `${lines.join('\n')}\n`;
}
