import fc from 'fast-check';
import { classifyFindings, classifyLogLines } from '../../../functions/classifier/classify';
import { INTEGRATION_HINTS, ROOT_CAUSE_CLASSES } from '../../../functions/types';
import type { Classification, LogSource } from '../../../functions/types';

const PHRASES = [
  'Execution failed due to a timeout error',
  'Malformed Lambda proxy response',
  'Rate Exceeded.',
  'Task timed out after 3.00 seconds',
  'Authorizer error',
  '{"status":"504","integrationErrorMessage":"x"}',
  '< HTTP/2 503',
  '\t',
  '(0f0e0d0c-1b2a-4c3d-8e9f-a0b1c2d3e4f5) ',
  'Sat Sep 19 07:14:11 UTC 2020 : ',
];

const line = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(fc.oneof(fc.constantFrom(...PHRASES), fc.string({ maxLength: 20 })), { maxLength: 6 })
    .map((parts) => parts.join('')),
);

function assertWellFormed(result: Classification): void {
  expect(ROOT_CAUSE_CLASSES).toContain(result.class);
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
  expect(result.hypotheses[0]?.class).toBe(result.class);
  for (const h of result.hypotheses) {
    expect(ROOT_CAUSE_CLASSES).toContain(h.class);
    expect(h.confidence).toBeGreaterThanOrEqual(0);
    expect(h.confidence).toBeLessThanOrEqual(1);
  }
}

describe('classifier properties', () => {
  it('never throws, always a known class, confidence in [0, 1] for arbitrary lines', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.option(fc.constantFrom(...INTEGRATION_HINTS), { nil: undefined }),
        (lines, integration) => {
          assertWellFormed(classifyLogLines(lines, integration === undefined ? {} : { integration }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary (structurally valid) findings', () => {
    const finding = fc.oneof(
      fc.record({
        type: fc.constant('log-template' as const),
        probe: fc.constant('execution-logs' as const),
        summary: fc.string(),
        source: fc.constantFrom<LogSource[]>('execution-log', 'access-log', 'lambda-log', 'client', 'unknown'),
        template: fc.string(),
        count: fc.integer({ min: 0, max: 1000 }),
        example: fc.string(),
        requestIds: fc.array(fc.string(), { maxLength: 2 }),
      }),
      fc.record({
        type: fc.constant('lambda' as const),
        probe: fc.constant('lambda-backend' as const),
        summary: fc.string(),
        functionName: fc.string(),
        role: fc.constantFrom<('integration' | 'authorizer')[]>('integration', 'authorizer'),
        timeoutSeconds: fc.integer({ min: 0, max: 900 }),
        durationMaxMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
        throttles: fc.integer({ min: 0, max: 100 }),
        reservedConcurrency: fc.integer({ min: 0, max: 10 }),
        errors: fc.integer({ min: 0, max: 100 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 6 }), (findings) => {
        assertWellFormed(classifyFindings(findings));
      }),
      { numRuns: 200 },
    );
  });
});
