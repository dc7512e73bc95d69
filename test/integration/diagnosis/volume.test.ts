/**
 * Production volume on the emulator: 50,000 lines per log group with the failing requests (1%)
 * at the end of the window. The failures are found, and a read cut short is reported as a
 * sample with counts from metrics. Seeded once; two diagnoses.
 */
import { runDiagnosis } from '../../../functions/diagnosis/engine';
import type { CouldNotCheckFinding, Diagnosis, LogTemplateFinding } from '../../../functions/types';
import { seedScale } from '../../../scripts/bench/scale-seed';
import type { SeededScale } from '../../../scripts/bench/scale-seed';
import { requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import { findingsOf, sandboxClients } from './helpers';

jest.setTimeout(120_000);

let seeded: SeededScale;
let full: Diagnosis;
beforeAll(async () => {
  seeded = await seedScale(
    requireSandboxEndpoint(),
    { lines: 50_000, failureFraction: 0.01, backends: 1 },
    () => undefined,
  );
  full = await runDiagnosis(seeded.seeded.incident, { deadline: Date.now() + 25_000, clients: sandboxClients() });
});

const templates = (d: Diagnosis, probe: 'execution-logs' | 'access-logs'): LogTemplateFinding[] =>
  findingsOf(d, probe).filter((f): f is LogTemplateFinding => f.type === 'log-template');

describe('50,000 lines per group, failures at the end of the window', () => {
  it('finds the failing requests in the execution log, with their whole trace', () => {
    const lines = templates(full, 'execution-logs');
    const timeouts = lines.find((f) => f.example.includes('Execution failed due to a timeout error'));
    // The bench's 125 failing requests (1% of 12,500) plus the scenario's own 30.
    expect(timeouts?.count).toBe(155);
    expect(timeouts?.requestIds.length).toBeGreaterThan(0);
    expect(lines.some((f) => f.example.includes('Method completed with status: 504'))).toBe(true);
  });

  it('finds every 504 in the access log and says it read all of them', () => {
    const [first] = templates(full, 'access-logs');
    expect(first?.fields).toEqual(expect.objectContaining({ status: '504', responseType: 'INTEGRATION_TIMEOUT' }));
    const coverage = full.probes.find((p) => p.probe === 'access-logs')?.coverage?.[0];
    // 500 seeded at the end plus the scenario's 30.
    expect(coverage?.failingLines).toBe(530);
    expect(first?.count).toBe(530);
  });

  it('reads newest first: the last failing request of the window is among those quoted', () => {
    const coverage = full.probes.find((p) => p.probe === 'execution-logs')?.coverage?.[0];
    expect(coverage).toBeDefined();
    expect(Date.parse(coverage?.readTo ?? '')).toBeGreaterThan(Date.parse(seeded.seeded.stateChangeTime) - 5_000);
  });
});

describe('a read cut short is reported as a sample', () => {
  let cut: Diagnosis;
  beforeAll(async () => {
    cut = await runDiagnosis(seeded.seeded.incident, {
      deadline: Date.now() + 25_000,
      clients: sandboxClients(),
      probes: ['metrics', 'access-logs'],
      logRead: { maxPages: 5, pageLimit: 1_000 },
    });
  });

  it('reports the coverage as a sample with the estimate and the metrics count', () => {
    const coverage = cut.probes.find((p) => p.probe === 'access-logs')?.coverage?.[0];
    expect(coverage).toEqual(expect.objectContaining({ mode: 'sample', pages: 5, stoppedBy: 'page-limit' }));
    // Up to five pages of 1,000 (a slice past the window's last line comes back empty).
    expect(coverage?.linesRead).toBeGreaterThan(1_000);
    expect(coverage?.linesEstimated).toBeGreaterThan(40_000);
    expect(coverage?.errorsFromMetrics).toBeGreaterThan(500);
    expect(coverage?.statement).toMatch(
      /^newest [\d,]+ of ≈ [\d,]+ lines, .* \(stopped by the 5-page limit\); [\d,]+ 5XX counted from metrics$/,
    );
  });

  it('marks the counts as a sample and says what was not read', () => {
    const access = findingsOf(cut, 'access-logs');
    const [first] = access.filter((f): f is LogTemplateFinding => f.type === 'log-template');
    expect(first).toEqual(
      expect.objectContaining({ sampled: true, fields: expect.objectContaining({ status: '504' }) }),
    );
    // Newest first: the sample is the end of the window, where the failures are.
    expect(first?.count).toBeGreaterThanOrEqual(100);
    const rest = access.find((f): f is CouldNotCheckFinding => f.type === 'could-not-check');
    expect(rest?.what).toMatch(/^all of the access logs/);
    expect(rest?.why).toMatch(/^read a sample: newest [\d,]+ of ≈/);
    expect(rest?.coverage?.mode).toBe('sample');
  });
});
