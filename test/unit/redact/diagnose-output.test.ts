import { forOutput } from '../../../bin/commands/diagnose';
import type { Diagnosis } from '../../../functions/types';
import { loadCorpus } from './support/corpus';
import { incident } from '../notify/support/summaries';

const corpus = loadCorpus();
const diagnosis: Diagnosis = {
  incident: incident(),
  findings: corpus.map((l) => ({
    type: 'log-template',
    probe: 'execution-logs',
    summary: l.line,
    source: l.source,
    template: l.line,
    count: 1,
    example: l.line,
    requestIds: ['8c3e9a52-1f0b-4d7e-9a61-2b7c5d0e4f13'],
  })),
  probes: [],
  startedAt: '2024-05-01T12:06:00.000Z',
  durationMs: 10,
  cutShort: false,
};
const planted = corpus.flatMap((l) => l.planted);

describe('diagnose output', () => {
  it('prints no planted value with --json (or the report) by default', () => {
    const text = JSON.stringify(forOutput(diagnosis, undefined, false));
    expect(planted.filter((p) => text.includes(p) || text.includes(JSON.stringify(p).slice(1, -1)))).toEqual([]);
    expect(text).toContain('8c3e9a52-1f0b-4d7e-9a61-2b7c5d0e4f13');
  });

  it('prints what the probes collected with --raw', () => {
    expect(forOutput(diagnosis, undefined, true).shown).toBe(diagnosis);
  });
});
